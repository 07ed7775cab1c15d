package io.orgtrail.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.orgtrail.testkit.Await;
import io.orgtrail.testkit.MinioExtension;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The delivery guarantee under faults, with real processes on loopback (MinIO, an aggregator process, agent
 * processes behind TCP proxies) and an independent checker that reads everything delivered and compares it with
 * what every source was told was accepted. Each scenario prints the checker's figures.
 */
class DeliveryFaultsTest {
  @RegisterExtension static MinioExtension minio = new MinioExtension();
  private static final List<String> ACCOUNTS = List.of("100000000001", "100000000002", "100000000003");
  private final Random random = new Random();

  @TempDir Path dir;

  private FaultCluster cluster(String bucket) throws Exception {
    return new FaultCluster(dir, minio.server(), bucket, ACCOUNTS, Map.of());
  }

  private static void report(String scenario, DeliveryChecker.Verdict verdict, FaultCluster cluster) {
    System.out.println("[delivery checker] " + verdict.line(scenario) + " -- " + cluster.feederStats());
    assertThat(verdict.lost()).as("lost, e.g. " + verdict.lostSample()).isZero();
    assertThat(verdict.duplicated()).as("duplicated, e.g. " + verdict.duplicatedSample()).isZero();
    assertThat(verdict.misplaced()).isEmpty();
    assertThat(verdict.chainsValid()).as("digest chains: " + verdict.chainProblems()).isTrue();
    assertThat(verdict.accepted()).isPositive();
  }

  private void awaitAccepted(FaultCluster cluster, long atLeast) {
    long target = cluster.acceptedEvents() + atLeast;
    Await.until(Duration.ofSeconds(60), Duration.ofMillis(50), () -> cluster.acceptedEvents() >= target,
        () -> target + " events accepted: " + cluster.feederStats());
  }

  @Test
  void theAggregatorKilledTwentyTimesAtRandomMoments() throws Exception {
    try (FaultCluster cluster = cluster("kill-aggregator")) {
      cluster.startAll(20);
      for (int kill = 0; kill < 20; kill++) {
        awaitAccepted(cluster, 20 + random.nextInt(200));
        cluster.killAggregator();
        cluster.startAggregator();
      }
      awaitAccepted(cluster, 100);
      report("aggregator kill -9 x20", cluster.settleAndCheck(Duration.ofMinutes(2)), cluster);
    }
  }

  @Test
  void agentsKilledAndRestartedOnTheirSpools() throws Exception {
    try (FaultCluster cluster = cluster("kill-agents")) {
      cluster.startAll(20);
      for (int kill = 0; kill < 6; kill++) {
        awaitAccepted(cluster, 50 + random.nextInt(200));
        FaultCluster.AgentProcess victim = cluster.agents().get(kill % ACCOUNTS.size());
        victim.kill();
        victim.start();
      }
      awaitAccepted(cluster, 100);
      report("agent kill -9 x6", cluster.settleAndCheck(Duration.ofMinutes(2)), cluster);
    }
  }

  @Test
  void minioStoppedForThirtySecondsThenRestarted() throws Exception {
    try (FaultCluster cluster = cluster("minio-outage")) {
      cluster.startAll(20);
      awaitAccepted(cluster, 300);
      minio.server().stop();
      long acceptedAtStop = cluster.acceptedEvents();
      Thread.sleep(30_000); // the outage itself: its length is the scenario, not a synchronisation
      minio.server().start();
      awaitAccepted(cluster, 300);
      DeliveryChecker.Verdict verdict = cluster.settleAndCheck(Duration.ofMinutes(2));
      System.out.println("[delivery checker] events accepted during the 30 s outage: "
          + (cluster.acceptedEvents() - acceptedAtStop));
      report("MinIO stopped 30 s", verdict, cluster);
    }
  }

  @Test
  void agentConnectionsCutAndRestored() throws Exception {
    try (FaultCluster cluster = cluster("network-cut")) {
      cluster.startAll(20);
      for (int cut = 0; cut < 3; cut++) {
        awaitAccepted(cluster, 200);
        cluster.agents().forEach(a -> a.proxy.cut());
        Thread.sleep(5_000); // the partition's length is the scenario
        cluster.agents().forEach(a -> a.proxy.restore());
      }
      awaitAccepted(cluster, 200);
      report("network cut x3", cluster.settleAndCheck(Duration.ofMinutes(2)), cluster);
    }
  }

  @Test
  void anAgentsSpoolDiskFillsUpThenDrains() throws Exception {
    Path disk = java.nio.file.Files.createDirectories(dir.resolve("small-disk"));
    boolean mounted = run("mount", "-t", "tmpfs", "-o", "size=2m", "tmpfs", disk.toString()) == 0;
    assertThat(mounted).as("mounting a 2 MiB tmpfs for the agent's spool (the suite runs as root)").isTrue();
    String full = ACCOUNTS.get(0);
    try (FaultCluster cluster = new FaultCluster(dir, minio.server(), "disk-full", ACCOUNTS, Map.of(full, disk))) {
      cluster.startAll(20);
      FaultCluster.AgentProcess agent = cluster.agent(full);
      awaitAccepted(cluster, 200);
      // Nothing is acknowledged while the agent is cut off, so its spool grows until the disk is full.
      agent.proxy.cut();
      Await.until(Duration.ofSeconds(90), Duration.ofMillis(100), () -> agent.feeder().refusedCalls() > 0,
          () -> "the agent refusing calls with its disk full: " + agent.feeder().stats());
      long acceptedWhileFull = agent.feeder().acceptedCount();
      agent.proxy.restore();
      Await.until(Duration.ofSeconds(60), Duration.ofMillis(100),
          () -> agent.feeder().acceptedCount() > acceptedWhileFull + 200,
          () -> "the agent accepting again once acknowledgements freed its disk: " + agent.feeder().stats());
      report("spool disk full (2 MiB tmpfs)", cluster.settleAndCheck(Duration.ofMinutes(2)), cluster);
    } finally {
      if (run("umount", disk.toString()) != 0) {
        run("umount", "-l", disk.toString());
      }
    }
  }

  private static int run(String... command) throws Exception {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    p.getInputStream().readAllBytes();
    return p.waitFor();
  }

  @Test
  void aggregatorRestartedInTheMiddleOfADigestPeriod() throws Exception {
    try (FaultCluster cluster = cluster("digest-restart")) {
      cluster.startAll(20);
      for (int restart = 0; restart < 3; restart++) {
        awaitAccepted(cluster, 200);
        // Digests every 2 s: a second into a period, stop gracefully (final digest) and start again.
        Thread.sleep(2000 - System.currentTimeMillis() % 2000 + 1000);
        cluster.stopAggregator();
        cluster.startAggregator();
      }
      awaitAccepted(cluster, 200);
      report("aggregator restart mid digest period x3", cluster.settleAndCheck(Duration.ofMinutes(2)), cluster);
    }
  }
}
