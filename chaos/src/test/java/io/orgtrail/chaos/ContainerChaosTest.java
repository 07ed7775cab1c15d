package io.orgtrail.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import io.orgtrail.chaos.ChaosCluster.AgentNode;
import io.orgtrail.chaos.ChaosCluster.AgentSpec;
import io.orgtrail.e2e.DeliveryChecker;
import io.orgtrail.store.MinioStore;
import io.orgtrail.store.ObjectInfo;
import io.orgtrail.testkit.Await;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The delivery and integrity promises with every part in its own container, under the faults containers meet:
 * MinIO, the aggregator and six agent containers (six accounts, eight regions) under steady load from local sources
 * (watched directories; PutAuditEvents clients for two agents), one fault after another on the same running system.
 * After each, with the sources stopped: the independent checker reads every log file from MinIO and finds every
 * accepted event exactly once, and {@code orgtrail validate-logs} (a container) finds every chain valid. Each
 * scenario prints the checker's figures ({@code [chaos checker]} lines; bin/test shows them).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ContainerChaosTest {
  private static final List<AgentSpec> AGENTS = List.of(
      new AgentSpec("agent-1", "300000000001", List.of("us-east-1", "eu-west-1"), true),
      new AgentSpec("agent-2", "300000000002", List.of("us-west-2"), true),
      new AgentSpec("agent-3", "300000000003", List.of("ap-southeast-2", "eu-central-1"), false),
      new AgentSpec("agent-4", "300000000004", List.of("us-east-1"), false),
      new AgentSpec("agent-5", "300000000005", List.of("eu-west-1", "us-east-2"), false),
      new AgentSpec("agent-6", "300000000006", List.of("sa-east-1"), false));
  /** How long a fault lasts: the 30 s. Its length is the scenario, not a synchronisation. */
  private static final Duration OUTAGE = Duration.ofSeconds(30);
  private static final Pattern DIGEST_END = Pattern.compile("_(\\d{8}T\\d{6}Z)\\.json\\.gz$");
  private static final DateTimeFormatter DIGEST_TIME = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'");

  private final Random random = new Random();
  private ChaosCluster cluster;
  private MinioStore store;
  private DeliveryChecker checker;
  private Instant startedAt;

  @BeforeAll
  void startTheCluster(@TempDir Path dir) throws Exception {
    Path repository = Path.of("..").toAbsolutePath().normalize();
    OrgtrailImages images = OrgtrailImages.build(repository, Path.of("target", "chaos-logs").toAbsolutePath());
    ChaosCluster.removeLeftovers();
    startedAt = Instant.now().minusSeconds(60);
    cluster = new ChaosCluster(dir, images, AGENTS, Clock.systemUTC());
    // Per agent: a 20-event file every 500 ms (40 events/s); two also take 20-event PutAuditEvents calls every 100 ms.
    cluster.start(20, Duration.ofMillis(500), 20, Duration.ofMillis(100));
    store = cluster.store();
    checker = new DeliveryChecker(store, ChaosCluster.LAYOUT, ChaosCluster.TRAIL);
  }

  @AfterAll
  void stopTheCluster() throws Exception {
    if (store != null) {
      store.close();
    }
    if (cluster != null) {
      cluster.close();
    }
  }

  @Test
  @Order(1)
  void theAggregatorContainerKilledAndRestarted() throws Exception {
    for (int kill = 0; kill < 3; kill++) {
      awaitMoreDelivered(1500 + random.nextInt(1500)); // a random moment, with batches in every stage
      cluster.killAndRestartAggregator();
    }
    awaitMoreDelivered(1500);
    settleAndCheck("aggregator container killed (SIGKILL) and restarted x3");
  }

  @Test
  @Order(2)
  void minioPausedForThirtySeconds() throws Exception {
    awaitMoreDelivered(1500);
    cluster.pauseMinio();
    long before = cluster.accepted();
    Thread.sleep(OUTAGE.toMillis());
    long during = cluster.accepted() - before;
    cluster.unpauseMinio();
    awaitMoreDelivered(1500);
    settleAndCheck("MinIO paused 30 s (" + during + " events accepted meanwhile)");
    assertThat(during).as("agents keep accepting while the store hangs").isPositive();
  }

  @Test
  @Order(3)
  void anAgentsNetworkDisconnectedForThirtySeconds() throws Exception {
    AgentNode victim = cluster.agent("agent-3");
    awaitMoreDelivered(1500);
    cluster.disconnect(victim);
    long before = victim.accepted();
    Thread.sleep(OUTAGE.toMillis());
    long during = victim.accepted() - before;
    cluster.reconnect(victim);
    awaitMoreDelivered(1500);
    settleAndCheck(victim.name() + "'s network disconnected 30 s (" + during + " of its events spooled meanwhile)");
    assertThat(during).as("the cut-off agent keeps taking its local events").isPositive();
  }

  @Test
  @Order(4)
  void agentContainersKilledAndStartedAgainOnTheirSpools() throws Exception {
    // agent-1 also serves PutAuditEvents: calls under way when it dies stay unanswered (at most once).
    for (String name : List.of("agent-1", "agent-4", "agent-1")) {
      awaitMoreDelivered(1000 + random.nextInt(1500));
      cluster.killAndReplace(cluster.agent(name));
    }
    awaitMoreDelivered(1500);
    settleAndCheck("agent containers killed (SIGKILL) and replaced on the same spool x3");
  }

  @Test
  @Order(5)
  void minioRestarted() throws Exception {
    awaitMoreDelivered(1500);
    cluster.restartMinio();
    awaitMoreDelivered(1500);
    settleAndCheck("MinIO restarted");
  }

  /** Waits until MinIO holds {@code events} more accepted events than now: the system works before the next fault. */
  private void awaitMoreDelivered(long events) throws Exception {
    long target = checker.check(cluster.acceptedEvents()).delivered() + events;
    long[] delivered = {0};
    Await.until(Duration.ofSeconds(120), Duration.ofMillis(500), () -> {
      try {
        delivered[0] = checker.check(cluster.acceptedEvents()).delivered();
      } catch (Exception e) {
        return false; // the store is in the middle of a fault; look again
      }
      return delivered[0] >= target;
    }, () -> target + " accepted events delivered (now " + delivered[0] + "): " + cluster.sourceStats());
  }

  /**
   * Stops the sources, waits until MinIO holds every accepted event, then until every chain has a digest that ends
   * after that (so it lists every file), and runs validate-logs over the whole run. The sources go on afterwards.
   */
  private void settleAndCheck(String scenario) throws Exception {
    long t0 = System.nanoTime();
    cluster.quiesceSources();
    Set<String> accepted = cluster.acceptedEvents();
    DeliveryChecker.Verdict[] last = new DeliveryChecker.Verdict[1];
    try {
      Await.until(Duration.ofMinutes(3), Duration.ofSeconds(2), () -> {
        try {
          last[0] = checker.check(accepted);
          return last[0].lost() == 0;
        } catch (Exception e) {
          return false;
        }
      }, () -> "every accepted event in MinIO: " + (last[0] == null ? "no check yet" : last[0].line("so far")));
    } catch (AssertionError timedOut) {
      // The verdict below says what is missing.
    }
    DeliveryChecker.Verdict verdict = last[0] != null ? last[0] : checker.check(accepted);
    long settleMillis = (System.nanoTime() - t0) / 1_000_000;
    Instant settled = Instant.now();
    awaitDigestsEndingAfter(settled);
    ValidateLogsContainer.Result validation = ValidateLogsContainer.run(cluster, startedAt);
    System.out.printf("[chaos checker] %s; settled in %.1f s; validate-logs (container) exit %d: %s -- %s%n",
        verdict.line(scenario), settleMillis / 1000.0, validation.exitCode(), validation.summary(),
        cluster.sourceStats());

    assertThat(cluster.sourceFailures()).as("the sources themselves").isEmpty();
    assertThat(verdict.lost()).as("lost, e.g. " + verdict.lostSample()).isZero();
    assertThat(verdict.duplicated()).as("duplicated, e.g. " + verdict.duplicatedSample()).isZero();
    assertThat(verdict.misplaced()).as("misplaced records or objects").isEmpty();
    assertThat(verdict.accepted()).isPositive();
    assertThat(validation.exitCode()).as("orgtrail validate-logs:\n" + validation.output()).isZero();
    cluster.resumeSources();
  }

  /** Every chain that has log files has a digest whose period ends after {@code instant}. */
  private void awaitDigestsEndingAfter(Instant instant) {
    Set<String> chains = new TreeSet<>();
    checker.logFiles().forEach(f -> chains.add(f.account() + "/" + f.region()));
    Set<String> behind = new TreeSet<>(chains);
    Await.until(Duration.ofSeconds(60), Duration.ofSeconds(1), () -> {
      behind.removeIf(chain -> newestDigestEnd(chain).isAfter(instant));
      return behind.isEmpty();
    }, () -> "a digest ending after " + instant + " for every chain; still behind: " + behind);
  }

  private Instant newestDigestEnd(String chain) {
    String[] accountRegion = chain.split("/");
    Instant newest = Instant.EPOCH;
    try {
      for (ObjectInfo info : store.list(ChaosCluster.LAYOUT.digestPrefix(accountRegion[0], accountRegion[1]))) {
        Matcher m = DIGEST_END.matcher(info.key());
        if (m.find()) {
          Instant end = LocalDateTime.parse(m.group(1), DIGEST_TIME).toInstant(ZoneOffset.UTC);
          newest = end.isAfter(newest) ? end : newest;
        }
      }
    } catch (Exception e) {
      return Instant.EPOCH;
    }
    return newest;
  }
}
