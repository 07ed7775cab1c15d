package io.orgtrail.aggregator;

import io.orgtrail.testkit.Await;

import static org.assertj.core.api.Assertions.assertThat;

import io.orgtrail.aggregator.registry.AgentRegistry;
import io.orgtrail.format.batch.AgentCredentials;
import io.orgtrail.proto.v1.Ack;
import io.orgtrail.proto.v1.AckStatus;
import io.orgtrail.proto.v1.Batch;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A batch is acknowledged only once its events are in the store, exactly once, whatever happens in between. */
class DurabilityTest {
  private static final String ACCOUNT = "123456789012";

  @TempDir Path dir;

  private static Batch batchOf(TestAgent agent, long seq, List<String> ids, String region) {
    return agent.batch(seq, ids.stream().map(id -> Records.record(ACCOUNT, region, id)).toList());
  }

  private static List<String> ids(int n) {
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      ids.add(UUID.randomUUID().toString());
    }
    return ids;
  }

  @Test
  void everyAckArrivesAfterTheFilesHoldingItsEventsWereWritten() throws Exception {
    try (AggregatorFixture f = new AggregatorFixture(dir)) {
      TestAgent agent = f.enroll(ACCOUNT);
      List<List<String>> sent = new ArrayList<>();
      try (TestStream s = agent.open()) {
        for (long seq = 1; seq <= 8; seq++) {
          List<String> ids = ids(5);
          sent.add(ids);
          s.send(batchOf(agent, seq, ids, seq % 2 == 0 ? "us-east-1" : "sa-east-1"));
        }
        for (long seq = 1; seq <= 8; seq++) {
          assertThat(s.awaitAck(seq, 1, Duration.ofSeconds(20)).get(0).getStatus()).isEqualTo(AckStatus.DURABLE);
        }
      }
      List<DeliveredFiles.LogFile> files = f.delivered();
      for (int i = 0; i < sent.size(); i++) {
        int ackAt = f.timeline.indexOf("ack:" + agent.agentId() + ":" + (i + 1) + ":DURABLE");
        for (String id : sent.get(i)) {
          DeliveredFiles.LogFile holding = files.stream()
              .filter(file -> file.records().stream().anyMatch(r -> r.get("eventID").asText().equals(id)))
              .findFirst().orElseThrow();
          assertThat(f.timeline.indexOf("put:" + holding.key())).as("put before ack").isBetween(0, ackAt - 1);
        }
      }
    }
  }

  @Test
  void whileTheStoreFailsNothingIsAcknowledgedAndAfterItRecoversEachEventIsWrittenOnce() throws Exception {
    try (AggregatorFixture f = new AggregatorFixture(dir)) {
      TestAgent agent = f.enroll(ACCOUNT);
      f.store.failing(true);
      List<String> ids = ids(10);
      TestStream s = agent.open();
      s.send(batchOf(agent, 1, ids, "us-east-1"));
      Await.until(Duration.ofSeconds(20), () -> f.stats().storeFailures() >= 4, () -> "4 failed writes");
      assertThat(s.acks()).isEmpty();
      assertThat(f.stats().batchesDurable()).isZero();

      f.store.failing(false);
      Ack ack = s.awaitAck(1, 1, Duration.ofSeconds(30)).get(0);
      assertThat(ack.getStatus()).isEqualTo(AckStatus.DURABLE);
      assertThat(ack.getEventsWritten()).isEqualTo(10);
      List<DeliveredFiles.LogFile> files = f.delivered();
      assertThat(files).hasSize(1);
      assertThat(DeliveredFiles.deliveries(files)).containsOnlyKeys(ids).containsValues(1);
      assertThat(f.store.successfulPuts()).isEqualTo(1);
      assertThat(f.stats().storeFailures()).isEqualTo(f.store.failedPuts());
      s.close();
    }
  }

  @Test
  void aResendWhileTheBatchIsStillBeingWrittenIsNotWrittenTwiceAndIsAnsweredOnTheNewStream() throws Exception {
    try (AggregatorFixture f = new AggregatorFixture(dir)) {
      TestAgent agent = f.enroll(ACCOUNT);
      f.store.failing(true);
      List<String> ids = ids(3);
      Batch batch = batchOf(agent, 1, ids, "eu-west-2");
      TestStream first = agent.open();
      first.send(batch);
      Await.until(Duration.ofSeconds(20), () -> f.stats().storeFailures() >= 1, () -> "the batch's file is being written");
      first.cancel(); // the agent loses its connection before the ack

      TestStream second = agent.open();
      second.send(batch);
      second.send(batch); // and even twice on the new stream
      Await.until(Duration.ofSeconds(10), () -> f.stats().inFlightResends() == 2, () -> "both resends taken in");
      assertThat(second.acks()).isEmpty();

      f.store.failing(false);
      List<Ack> acks = second.awaitAck(1, 2, Duration.ofSeconds(30));
      assertThat(acks).extracting(Ack::getStatus).containsExactly(AckStatus.DURABLE, AckStatus.DURABLE);
      assertThat(acks).allMatch(a -> a.getEventsWritten() == 3);
      assertThat(DeliveredFiles.deliveries(f.delivered())).containsOnlyKeys(ids).containsValues(1);
      assertThat(f.stats().batchesDurable()).isEqualTo(1);

      // Once durable, a further resend is a duplicate.
      assertThat(second.exchange(batch).getStatus()).isEqualTo(AckStatus.DUPLICATE);
      second.close();
    }
  }

  @Test
  void afterARestartWithTheSameStateAResendOfADurableBatchIsADuplicate() throws Exception {
    try (AggregatorFixture f = new AggregatorFixture(dir)) {
      TestAgent agent = f.enroll(ACCOUNT);
      List<String> one = ids(2);
      List<String> three = ids(2);
      try (TestStream s = agent.open()) {
        assertThat(s.exchange(batchOf(agent, 1, one, "us-east-1")).getStatus()).isEqualTo(AckStatus.DURABLE);
        assertThat(s.exchange(batchOf(agent, 3, three, "us-east-1")).getStatus()).isEqualTo(AckStatus.DURABLE);
      }

      f.restart();
      TestAgent again = f.connect(agent.credentials()); // the registry is on disk too: no re-enrolment
      try (TestStream s = again.open()) {
        assertThat(s.exchange(batchOf(again, 1, one, "us-east-1")).getStatus()).isEqualTo(AckStatus.DUPLICATE);
        assertThat(s.exchange(batchOf(again, 3, three, "us-east-1")).getStatus()).isEqualTo(AckStatus.DUPLICATE);
        List<String> two = ids(2);
        assertThat(s.exchange(batchOf(again, 2, two, "us-east-1")).getStatus())
            .as("the gap below 3 is still open").isEqualTo(AckStatus.DURABLE);
        List<String> all = new ArrayList<>(one);
        all.addAll(two);
        all.addAll(three);
        assertThat(DeliveredFiles.deliveries(f.delivered())).containsOnlyKeys(all).containsValues(1);
      }
    }
  }

  @Test
  void whenTheStoreIsDownAndTheBufferIsFullStreamsArePausedNotFailed() throws Exception {
    long budget = 64 << 10;
    try (AggregatorFixture f = new AggregatorFixture(dir, b -> b.maxBufferedBytes(budget))) {
      TestAgent agent = f.enroll(ACCOUNT);
      f.store.failing(true);
      int batches = 40;
      List<String> all = new ArrayList<>();
      TestStream s = agent.open();
      for (long seq = 1; seq <= batches; seq++) {
        List<String> events = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
          String id = UUID.randomUUID().toString();
          all.add(id);
          events.add(Records.padded(ACCOUNT, "us-east-1", id, 1000));
        }
        s.send(agent.batch(seq, events)); // ~8 KB each, 320 KB in all: five times the budget
      }
      Await.until(Duration.ofSeconds(20), () -> f.stats().bufferedBytes() >= budget, () -> "buffer full");
      long received = f.stats().batchesReceived();
      long failures = f.stats().storeFailures();
      Await.until(Duration.ofSeconds(20), () -> f.stats().storeFailures() >= failures + 3,
          () -> "more failed writes while paused");
      // One batch per stream may arrive after the limit is reached, nothing more while the store is down.
      assertThat(f.stats().batchesReceived()).isLessThanOrEqualTo(received + 1).isLessThan(batches);
      assertThat(f.stats().bufferedBytes()).isLessThan(budget + 9_000);
      assertThat(s.acks()).isEmpty();
      assertThat(s.ended()).isNotDone();
      assertThat(f.stats().pausedStreams()).isEqualTo(1);
      Duration pausedSoFar = f.stats().pushbackTime();
      Await.until(() -> f.stats().pushbackTime().compareTo(pausedSoFar) > 0, () -> "pushback time grows while paused");

      f.store.failing(false);
      for (long seq = 1; seq <= batches; seq++) {
        assertThat(s.awaitAck(seq, 1, Duration.ofSeconds(60)).get(0).getStatus()).isEqualTo(AckStatus.DURABLE);
      }
      assertThat(DeliveredFiles.deliveries(f.delivered())).containsOnlyKeys(all).containsValues(1);
      Await.until(Duration.ofSeconds(5), () -> f.stats().bufferedBytes() == 0, () -> "buffer drained");
      assertThat(f.stats().pausedStreams()).isZero();
      Duration paused = f.stats().pushbackTime();
      assertThat(paused).isPositive();
      assertThat(s.exchange(agent.batch(batches + 1, List.of(Records.record(ACCOUNT, "us-east-1", "after"))))
          .getStatus()).isEqualTo(AckStatus.DURABLE);
      assertThat(f.stats().pushbackTime()).as("no longer pushing back").isEqualTo(paused);
      s.close();
    }
  }

  @Test
  void anAgentEnrolledByAnotherProcessIsAcceptedWithoutRestart() throws Exception {
    try (AggregatorFixture f = new AggregatorFixture(dir)) {
      // What `orgtrail admin enroll` does: its own registry instance on the aggregator's registry directory.
      AgentCredentials credentials =
          new AgentRegistry(dir.resolve("registry"), Clock.systemUTC()).enroll(ACCOUNT, new SecureRandom());
      TestAgent agent = f.connect(credentials);
      try (TestStream s = agent.open()) {
        assertThat(s.exchange(batchOf(agent, 1, ids(1), "us-east-1")).getStatus()).isEqualTo(AckStatus.DURABLE);
      }
    }
  }

  @Test
  void stoppingDuringAnOutageIsBoundedAcknowledgesNothingAndTheResendIsWrittenOnceAfterwards() throws Exception {
    Duration shutdownTimeout = Duration.ofSeconds(1);
    try (AggregatorFixture f = new AggregatorFixture(dir, b -> b.shutdownTimeout(shutdownTimeout))) {
      TestAgent agent = f.enroll(ACCOUNT);
      f.store.failing(true);
      List<String> ids = ids(6);
      Batch batch = batchOf(agent, 1, ids, "us-east-1");
      TestStream s = agent.open();
      s.send(batch);
      Await.until(() -> f.stats().storeFailures() >= 2, () -> "its file failing to be written");

      long start = System.nanoTime();
      f.restart(); // close() while the store is down, then a new aggregator on the same state
      Duration took = Duration.ofNanos(System.nanoTime() - start);
      // The pipeline and the final digests each get the shutdown timeout; the server a grace of 5 s at most.
      assertThat(took).isLessThan(shutdownTimeout.multipliedBy(2).plusSeconds(5 + 3));
      Throwable ended = s.ended().get(5, java.util.concurrent.TimeUnit.SECONDS);
      assertThat(io.grpc.Status.fromThrowable(ended).getCode()).isEqualTo(io.grpc.Status.Code.UNAVAILABLE);
      assertThat(s.acks()).isEmpty();

      f.store.failing(false);
      TestAgent again = f.connect(agent.credentials());
      try (TestStream resend = again.open()) {
        Ack ack = resend.exchange(batch);
        assertThat(ack.getStatus()).isEqualTo(AckStatus.DURABLE);
        assertThat(ack.getEventsWritten()).isEqualTo(6);
      }
      assertThat(DeliveredFiles.deliveries(f.delivered())).containsOnlyKeys(ids).containsValues(1);
      assertThat(f.stats().recoveredFilesMissing()).as("journaled before the stop, never stored").isEqualTo(1);
    }
  }
}
