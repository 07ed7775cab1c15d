package io.orgtrail.agent.batch;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import io.orgtrail.testkit.Await;
import io.orgtrail.agent.spool.SourceMark;
import io.orgtrail.agent.spool.Spool;
import io.orgtrail.agent.testing.TestKeys;
import io.orgtrail.agent.testing.TestRecords;
import io.orgtrail.format.batch.AgentCredentials;
import io.orgtrail.format.batch.BatchVerifier;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BatcherTest {
  private static final String ACCOUNT = "111122223333";
  private static final Duration NEVER = Duration.ofHours(1);

  @TempDir Path dir;
  private final ScheduledThreadPoolExecutor scheduler = new ScheduledThreadPoolExecutor(1);
  private final AgentCredentials agent = TestKeys.create("00000000000000b1", ACCOUNT);
  private final List<SealedBatch> sealed = new CopyOnWriteArrayList<>();

  private Spool spool;

  @AfterEach
  void stop() {
    scheduler.shutdownNow();
    if (spool != null) {
      spool.close();
    }
  }

  private Batcher batcher(int maxEvents, int maxBytes, Duration maxDelay) throws Exception {
    spool = Spool.open(dir.resolve("spool"), agent.agentId(), 1L << 30, 1 << 20, 1, Clock.systemUTC());
    BatchSealer sealer = new BatchSealer(spool, SequenceFile.open(dir, agent.agentId()), agent.signer(),
        Duration.ZERO, (bytes, events) -> {}, sealed::add, scheduler, problem -> {});
    this.sealer = sealer;
    return new Batcher(maxEvents, maxBytes, maxDelay, scheduler, sealer);
  }

  private BatchSealer sealer;

  private List<Integer> sizes() {
    return sealed.stream().map(SealedBatch::events).toList();
  }

  @Test
  void closesAtMaxEventsWithConsecutiveSignedSequences() throws Exception {
    Batcher b = batcher(3, 1024 * 1024, NEVER);
    for (int i = 0; i < 7; i++) {
      b.add(TestRecords.bytes(ACCOUNT, "us-east-1", "id-" + i), SettlementListener.NONE);
    }
    sealer.awaitEmpty(Duration.ofSeconds(5));
    assertThat(sizes()).containsExactly(3, 3);
    assertThat(b.openEvents()).isEqualTo(1);

    b.flush();
    sealer.awaitEmpty(Duration.ofSeconds(5));
    assertThat(sizes()).containsExactly(3, 3, 1);
    assertThat(sealed).extracting(SealedBatch::sequence).containsExactly(1L, 2L, 3L);
    for (SealedBatch s : sealed) {
      List<byte[]> events = s.message().getEventsList().stream().map(ByteString::toByteArray).toList();
      assertThat(s.message().getAgentId()).isEqualTo(agent.agentId());
      assertThat(BatchVerifier.verify(agent.verifyingKey(), agent.agentId(), s.sequence(), events,
          s.message().getSignature().toByteArray())).isTrue();
    }
    assertThat(sealed.get(2).message().getEvents(0).toStringUtf8()).contains("id-6");
    for (SealedBatch s : sealed) {
      assertThat(spool.read(s.location())).as("the spool holds exactly what is sent").isEqualTo(s.message());
    }
  }

  @Test
  void keepsTheSpanOfEachSourcesPositionsInTheBatch() throws Exception {
    Batcher b = batcher(3, 1024 * 1024, NEVER);
    b.add(TestRecords.bytes(ACCOUNT, "us-east-1", "f1"), SettlementListener.NONE, new SourceMark("file-a", 0, 2));
    b.add(TestRecords.bytes(ACCOUNT, "us-east-1", "h1"), SettlementListener.NONE);
    b.add(TestRecords.bytes(ACCOUNT, "us-east-1", "f2"), SettlementListener.NONE, new SourceMark("file-a", 2, 5));
    b.add(TestRecords.bytes(ACCOUNT, "us-east-1", "f3"), SettlementListener.NONE, new SourceMark("file-a", 5, 6));
    b.flush();
    sealer.awaitEmpty(Duration.ofSeconds(5));
    assertThat(sizes()).containsExactly(3, 1);
    assertThat(spool.position("file-a")).isEqualTo(6);
    assertThat(spool.marks()).containsExactly(java.util.Map.entry("file-a", 6L));
  }

  @Test
  void closesBeforeExceedingMaxBytesAndSendsAnOversizedRecordAlone() throws Exception {
    Batcher b = batcher(500, 1000, NEVER);
    for (int i = 0; i < 5; i++) {
      b.add(TestRecords.ofSize(ACCOUNT, "s-" + i, 400), SettlementListener.NONE);
    }
    b.add(TestRecords.ofSize(ACCOUNT, "big", 1500), SettlementListener.NONE);
    b.add(TestRecords.ofSize(ACCOUNT, "after", 400), SettlementListener.NONE);
    b.flush();
    sealer.awaitEmpty(Duration.ofSeconds(5));
    assertThat(sizes()).containsExactly(2, 2, 1, 1, 1);
    assertThat(sealed).extracting(SealedBatch::bytes).containsExactly(800L, 800L, 400L, 1500L, 400L);
  }

  @Test
  void closesAfterMaxDelay() throws Exception {
    Batcher b = batcher(500, 1024 * 1024, Duration.ofMillis(50));
    b.add(TestRecords.bytes(ACCOUNT, "us-east-1", "t1"), SettlementListener.NONE);
    b.add(TestRecords.bytes(ACCOUNT, "us-east-1", "t2"), SettlementListener.NONE);
    Await.until(() -> sealed.size() == 1, () -> "the batch closed by its timer");
    assertThat(sizes()).containsExactly(2);
    assertThat(b.openEvents()).isZero();
  }

  @Test
  void tellsEachSourceHowManyOfItsEventsABatchHeld() throws Exception {
    Batcher b = batcher(4, 1024 * 1024, NEVER);
    List<String> told = new CopyOnWriteArrayList<>();
    SettlementListener fileA = (n, ok) -> told.add("A:" + n + ":" + ok);
    SettlementListener fileB = (n, ok) -> told.add("B:" + n + ":" + ok);
    b.add(TestRecords.bytes(ACCOUNT, "us-east-1", "a1"), fileA);
    b.add(TestRecords.bytes(ACCOUNT, "us-east-1", "b1"), fileB);
    b.add(TestRecords.bytes(ACCOUNT, "us-east-1", "a2"), fileA);
    b.add(TestRecords.bytes(ACCOUNT, "us-east-1", "a3"), fileA);
    sealer.awaitEmpty(Duration.ofSeconds(5));
    sealed.get(0).notifyListeners(true);
    assertThat(told).containsExactlyInAnyOrder("A:3:true", "B:1:true");
  }
}
