package io.orgtrail.aggregator;

import static org.assertj.core.api.Assertions.assertThat;

import io.orgtrail.aggregator.digest.DigestKeyRing;
import io.orgtrail.aggregator.registry.AgentRegistry;
import io.orgtrail.format.batch.AgentCredentials;
import io.orgtrail.format.layout.TrailLayout;
import io.orgtrail.integrity.LogValidator;
import io.orgtrail.integrity.ValidationReport;
import io.orgtrail.integrity.ValidationRequest;
import io.orgtrail.store.MinioStore;
import io.orgtrail.testkit.Await;
import io.orgtrail.testkit.FreePorts;
import io.orgtrail.testkit.MinioExtension;
import io.orgtrail.testkit.MinioServer;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * kill -9 of a real aggregator process, again and again at random moments, while two agents stream batches split
 * over several log files into a real MinIO; each time a new process starts on the same state directory and the
 * agents resend what was not acknowledged. In the end every event is acknowledged, and is in the bucket exactly
 * once, and every digest chain validates.
 */
class KillNineTest {
  private static final Logger log = LoggerFactory.getLogger(KillNineTest.class);
  private static final String BUCKET = "kill-nine";

  @RegisterExtension static MinioExtension minio = new MinioExtension();

  @TempDir Path dir;
  private ChildAggregator child;

  @AfterEach
  void killLeftover() {
    if (child != null) {
      child.destroy();
    }
  }

  @Test
  @Timeout(900)
  void killingTheAggregatorAtRandomMomentsNeitherLosesNorDuplicatesAnAcknowledgedEvent() throws Exception {
    int kills = Integer.getInteger("orgtrail.aggregatorKills", 20);
    long seed = Long.getLong("orgtrail.seed", System.nanoTime());
    Random random = new Random(seed);
    log.info("{} kills, random seed {} (rerun with -Dorgtrail.seed={})", kills, seed, seed);
    MinioServer server = minio.server();
    Instant begin = Instant.now();
    Path stateDir = dir.resolve("state");
    Path registryDir = dir.resolve("registry");
    int port = FreePorts.next();

    try (MinioStore store = MinioStore.builder().endpoint(server.endpoint())
        .credentials(server.accessKey(), server.secretKey()).bucket(BUCKET).build().open()) {
      AgentRegistry registry = new AgentRegistry(registryDir, Clock.systemUTC());
      AgentCredentials a = registry.enroll("111111111111", new SecureRandom());
      AgentCredentials b = registry.enroll("222222222222", new SecureRandom());
      child = ChildAggregator.start(stateDir, registryDir, server.endpoint(), BUCKET, port, dir.resolve("run-0.log"));
      child.awaitReady(Duration.ofSeconds(60));
      ChildAggregator.Stats total = ChildAggregator.Stats.NONE;
      try (ResendingAgent agentA = new ResendingAgent(a, port, List.of("us-east-1", "eu-west-1"), 4).start();
          ResendingAgent agentB = new ResendingAgent(b, port, List.of("eu-central-1", "us-west-2", "ap-south-1"), 6)
              .start()) {
        for (int kill = 1; kill <= kills; kill++) {
          long acksBefore = agentA.acks() + agentB.acks();
          int progress = random.nextInt(40); // 0: killed at once, in the middle of its recovery
          Await.until(Duration.ofSeconds(60), () -> agentA.acks() + agentB.acks() >= acksBefore + progress,
              () -> "the aggregator to acknowledge " + progress + " batches");
          TimeUnit.MILLISECONDS.sleep(random.nextInt(400)); // the fault schedule: a random moment of the write path
          child.kill();
          total = total.plus(child.stats());
          child = ChildAggregator.start(stateDir, registryDir, server.endpoint(), BUCKET, port,
              dir.resolve("run-" + kill + ".log"));
          child.awaitReady(Duration.ofSeconds(60));
        }
        agentA.stopGenerating();
        agentB.stopGenerating();
        Await.until(Duration.ofSeconds(120), () -> agentA.done() && agentB.done(),
            () -> "every batch acknowledged (A " + agentA.acks() + "/" + agentA.batches() + ", B " + agentB.acks()
                + "/" + agentB.batches() + ")");
        child.stop(Duration.ofSeconds(60));
        total = total.plus(child.stats());

        assertThat(agentA.problems()).isEmpty();
        assertThat(agentB.problems()).isEmpty();
        Set<String> generated = new HashSet<>(agentA.generated());
        generated.addAll(agentB.generated());
        Set<String> acknowledged = new HashSet<>(agentA.acknowledged());
        acknowledged.addAll(agentB.acknowledged());
        assertThat(acknowledged).as("every generated event acknowledged in the end").isEqualTo(generated);

        Map<String, Integer> delivered = DeliveredFiles.deliveries(store);
        assertThat(delivered.keySet()).as("nothing lost, nothing invented").isEqualTo(acknowledged);
        assertThat(delivered.entrySet()).as("no event twice").allMatch(e -> e.getValue() == 1);

        ValidationReport report = LogValidator.builder()
            .store(store)
            .layout(new TrailLayout("", AggregatorFixture.ORG))
            .trail(AggregatorConfig.DEFAULT_TRAIL)
            .publicKeys(DigestKeyRing.open(stateDir.resolve(AggregatorConfig.DIGEST_KEY_FILE_NAME),
                Clock.systemUTC(), new SecureRandom()).publicKeys())
            .build()
            .validate(ValidationRequest.all(begin.minus(Duration.ofHours(1)), Instant.now().plusSeconds(60)));
        assertThat(report.isClean()).as("%s", report.errors()).isTrue();
        assertThat(report.counts().logFilesNotYetCovered()).isZero();

        String summary = String.format("aggregator kill -9 x%d (seed %d): batches %d, events %d, delivered %d, "
                + "lost 0, duplicated 0; agents resent %d batches over %d streams, %d answered DUPLICATE; "
                + "aggregator runs (as last reported): %s; log files %d, digests %d, chains valid",
            kills, seed, agentA.batches() + agentB.batches(), generated.size(), delivered.size(),
            agentA.resent() + agentB.resent(), agentA.streams() + agentB.streams(),
            agentA.duplicates() + agentB.duplicates(), total.values(), report.counts().logFiles(),
            report.counts().digests());
        log.info(summary);
        System.out.println(summary);
        assertThat(total.get("recoveredInStore") + total.get("recoveredMissing"))
            .as("the kills left journaled files to recover").isPositive();
      }
    }
  }
}
