package io.orgtrail.aggregator;

import static org.assertj.core.api.Assertions.assertThat;

import io.orgtrail.format.batch.AgentCredentials;
import io.orgtrail.format.layout.TrailLayout;
import io.orgtrail.integrity.LogValidator;
import io.orgtrail.integrity.ValidationReport;
import io.orgtrail.integrity.ValidationRequest;
import io.orgtrail.proto.v1.AckStatus;
import io.orgtrail.store.MinioStore;
import io.orgtrail.testkit.Await;
import io.orgtrail.testkit.MinioExtension;
import io.orgtrail.testkit.MinioServer;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real MinIO stopped and started again under a running aggregator: it keeps taking batches up to its memory
 * budget, then stops reading the agent's stream (pushback), acknowledges nothing meanwhile, and writes everything
 * exactly once when MinIO is back, with valid digest chains.
 */
class MinioOutageTest {
  private static final String ACCOUNT = "123456789012";

  @RegisterExtension static MinioExtension minio = new MinioExtension();

  @TempDir Path dir;

  @Test
  void whileMinioIsDownTheAggregatorBuffersUpToItsBudgetThenPushesBackAndCatchesUpWhenItReturns() throws Exception {
    MinioServer server = minio.server();
    long budget = 64 << 10;
    Instant begin = Instant.now();
    try (MinioStore store = MinioStore.builder().endpoint(server.endpoint())
        .credentials(server.accessKey(), server.secretKey()).bucket("outage").build().open()) {
      AggregatorConfig config = AggregatorConfig.builder()
          .orgId(AggregatorFixture.ORG)
          .port(0)
          .rollInterval(Duration.ofSeconds(1))
          .digestPeriod(Duration.ofSeconds(1))
          .maxBufferedBytes(budget)
          .stateDir(dir.resolve("state"))
          .registryDir(dir.resolve("registry"))
          .build();
      Aggregator aggregator = Aggregator.builder().config(config).store(store).build();
      aggregator.start();
      List<String> all = new ArrayList<>();
      try {
        AgentCredentials key = aggregator.registry().enroll(ACCOUNT, new SecureRandom());
        try (TestAgent agent = new TestAgent(key, aggregator.port(), new Timeline());
            TestStream s = agent.open()) {
          String firstId = UUID.randomUUID().toString();
          all.add(firstId);
          assertThat(s.exchange(agent.batch(1, List.of(Records.record(ACCOUNT, "us-east-1", firstId))))
              .getStatus()).isEqualTo(AckStatus.DURABLE);

          server.stop();
          int batches = 40;
          for (long seq = 2; seq <= batches + 1; seq++) {
            List<String> events = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
              String id = UUID.randomUUID().toString();
              all.add(id);
              events.add(Records.padded(ACCOUNT, i % 2 == 0 ? "us-east-1" : "eu-west-1", id, 1000));
            }
            s.send(agent.batch(seq, events)); // ~8 KB each, 320 KB in all: five times the budget
          }
          Await.until(() -> aggregator.stats().bufferedBytes() >= budget && aggregator.stats().pausedStreams() == 1,
              () -> "the budget spent and the stream paused: " + aggregator.stats());
          long received = aggregator.stats().batchesReceived();
          long failures = aggregator.stats().storeFailures();
          Await.until(Duration.ofSeconds(30), () -> aggregator.stats().storeFailures() >= failures + 2,
              () -> "writes keep failing while MinIO is down: " + aggregator.stats());
          AggregatorStats paused = aggregator.stats();
          assertThat(paused.batchesReceived()).as("nothing more read while paused").isLessThanOrEqualTo(received + 1)
              .isLessThan(batches + 1);
          assertThat(paused.bufferedBytes()).isLessThan(budget + 9_000);
          assertThat(paused.pushbackTime()).isPositive();
          assertThat(paused.batchesDurable()).isEqualTo(1);
          assertThat(s.acks()).hasSize(1);
          assertThat(s.ended()).isNotDone();

          server.start();
          for (long seq = 2; seq <= batches + 1; seq++) {
            assertThat(s.awaitAck(seq, 1, Duration.ofSeconds(90)).get(0).getStatus()).isEqualTo(AckStatus.DURABLE);
          }
          assertThat(aggregator.stats().pausedStreams()).isZero();
          s.halfClose();
        }
      } finally {
        aggregator.close();
      }

      assertThat(DeliveredFiles.deliveries(store)).containsOnlyKeys(all).containsValues(1).doesNotContainValue(2);
      ValidationReport report = LogValidator.builder()
          .store(store)
          .layout(new TrailLayout("", AggregatorFixture.ORG))
          .trail(config.trail())
          .publicKeys(aggregator.digestKeys().publicKeys())
          .build()
          .validate(ValidationRequest.all(begin.minus(Duration.ofHours(1)), Instant.now().plusSeconds(60)));
      assertThat(report.isClean()).as("%s", report.problems()).isTrue();
      assertThat(report.counts().logFilesNotYetCovered()).isZero();
    }
  }
}
