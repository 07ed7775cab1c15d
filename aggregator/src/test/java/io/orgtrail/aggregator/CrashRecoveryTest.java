package io.orgtrail.aggregator;

import static org.assertj.core.api.Assertions.assertThat;

import io.orgtrail.aggregator.CrashingStore.Call;
import io.orgtrail.aggregator.CrashingStore.Moment;
import io.orgtrail.format.batch.AgentCredentials;
import io.orgtrail.proto.v1.Ack;
import io.orgtrail.proto.v1.AckStatus;
import io.orgtrail.proto.v1.Batch;
import io.orgtrail.testkit.Await;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Exactly once across the aggregator's own crashes: a crash is simulated at each point of a log file's way to the
 * store (see {@link CrashingStore}): before it is journaled, between the journal and the put, between the put and
 * the sequence state, between the files of one batch, during a digest, and during the next start's recovery. The
 * next aggregator starts from what the crash left on disk, the agent resends every batch, and each event must then
 * be in the bucket exactly once, every batch answered DURABLE or DUPLICATE as what was durable says, and every
 * digest chain valid ({@code LogValidator}, as {@code orgtrail validate-logs}).
 */
class CrashRecoveryTest {
  private static final String ACCOUNT = "123456789012";
  private static final List<String> ONE_REGION = List.of("us-east-1");
  /** A batch with events in both is split over two log files, one per region. */
  private static final List<String> TWO_REGIONS = List.of("us-east-1", "eu-west-1");

  @TempDir Path dir;

  /** A batch as sent, with its events' IDs. */
  record Sent(Batch batch, List<String> eventIds) {
    long sequence() {
      return batch.getSequence();
    }

    long eventBytes() {
      return batch.getEventsList().stream().mapToLong(e -> e.size()).sum();
    }
  }

  private static Sent batch(TestAgent agent, long sequence, int events, List<String> regions) {
    List<String> ids = new ArrayList<>();
    List<String> records = new ArrayList<>();
    for (int i = 0; i < events; i++) {
      String id = UUID.randomUUID().toString();
      ids.add(id);
      records.add(Records.record(ACCOUNT, regions.get(i % regions.size()), id));
    }
    return new Sent(agent.batch(sequence, records), ids);
  }

  /** Sends every batch on a new stream and returns each one's acknowledgement. */
  private static Map<Long, Ack> sendAll(TestAgent agent, List<Sent> batches) throws InterruptedException {
    try (TestStream s = agent.open()) {
      batches.forEach(b -> s.send(b.batch()));
      Map<Long, Ack> acks = new LinkedHashMap<>();
      for (Sent b : batches) {
        acks.put(b.sequence(), s.awaitAck(b.sequence(), 1, Duration.ofSeconds(30)).get(0));
      }
      return acks;
    }
  }

  private static List<String> allIds(List<Sent> batches) {
    return batches.stream().flatMap(b -> b.eventIds().stream()).toList();
  }

  private static void assertEachEventOnce(CrashFixture f, List<Sent> batches) {
    assertThat(f.deliveries()).containsOnlyKeys(allIds(batches)).containsValues(1).doesNotContainValue(2);
  }

  @Test
  void aCrashBeforeAnyFileIsJournaledLeavesNothingBehindAndTheResendIsWrittenOnce() throws Exception {
    try (CrashFixture f = new CrashFixture(dir, b -> b.rollInterval(Duration.ofHours(1)))) {
      AgentCredentials agentKey = f.enroll(ACCOUNT);
      TestAgent agent = f.agent(agentKey);
      List<Sent> sent = List.of(batch(agent, 1, 4, TWO_REGIONS), batch(agent, 2, 4, TWO_REGIONS),
          batch(agent, 3, 3, ONE_REGION));
      long bytes = sent.stream().mapToLong(Sent::eventBytes).sum();
      TestStream first = agent.open();
      sent.forEach(b -> first.send(b.batch()));
      Await.until(() -> f.stats().bufferedBytes() == bytes, () -> "every event in an open file: " + f.stats());
      f.store().crashNow(); // the files are still open: nothing journaled, nothing put

      f.restartAfterCrash(next -> {}, b -> b.rollInterval(Duration.ofSeconds(1)));
      Map<Long, Ack> acks = sendAll(f.agent(agentKey), sent);

      assertThat(first.acks()).isEmpty();
      assertThat(acks.values()).extracting(Ack::getStatus).containsOnly(AckStatus.DURABLE);
      assertEachEventOnce(f, sent);
      AggregatorStats stats = f.stats();
      assertThat(stats.eventsSkippedAsDurable()).isZero();
      assertThat(stats.recoveredFilesInStore() + stats.recoveredFilesMissing()).isZero();
      f.stopAndValidate();
    }
  }

  /**
   * Two batches, each split over two log files (two regions). The crash comes before or after the put of the first
   * or second file: the journal names the file and its events, the sequence state does not say they are durable
   * (the original duplicate window), or says so for the first file only.
   */
  @ParameterizedTest(name = "crash {1} the put of log file {0}")
  @CsvSource({"1, BEFORE, 0", "1, AFTER, 1", "2, BEFORE, 1", "2, AFTER, 2"})
  void aCrashAroundTheFilesOfABatchNeitherLosesNorDuplicatesAnEvent(int file, Moment moment, int filesInStore)
      throws Exception {
    try (CrashFixture f = new CrashFixture(dir, b -> b)) {
      AgentCredentials agentKey = f.enroll(ACCOUNT);
      TestAgent agent = f.agent(agentKey);
      f.store().crashOn(CrashingStore.nth(file, Call::isLogFilePut), moment);
      List<Sent> sent = List.of(batch(agent, 1, 6, TWO_REGIONS), batch(agent, 2, 6, TWO_REGIONS));
      TestStream first = agent.open();
      sent.forEach(b -> first.send(b.batch()));

      f.restartAfterCrash();
      assertThat(first.acks()).as("a batch is acknowledged only with all its files").isEmpty();
      assertThat(DeliveredFiles.read(f.objects, CrashFixture.ORG)).hasSize(filesInStore);
      Set<String> durableAtCrash = f.deliveries().keySet();
      Map<Long, Ack> acks = sendAll(f.agent(agentKey), sent);

      for (Sent b : sent) {
        boolean allDurable = durableAtCrash.containsAll(b.eventIds());
        assertThat(acks.get(b.sequence()).getStatus()).as("batch %d", b.sequence())
            .isEqualTo(allDurable ? AckStatus.DUPLICATE : AckStatus.DURABLE);
      }
      assertEachEventOnce(f, sent);
      AggregatorStats stats = f.stats();
      assertThat(stats.eventsSkippedAsDurable()).as("events found durable, not written again")
          .isEqualTo(durableAtCrash.size());
      assertThat(stats.recoveredFilesInStore()).isEqualTo(filesInStore);
      assertThat(stats.recoveredFilesMissing()).isEqualTo(moment == Moment.BEFORE ? 1 : 0);
      assertThat(stats.duplicates()).isEqualTo(filesInStore == 2 ? 2 : 0);
      assertThat(stats.duplicateEvents()).isEqualTo(filesInStore == 2 ? 12 : 0);
      f.stopAndValidate();
    }
  }

  @ParameterizedTest(name = "crash {0} the put of a digest listing a log file")
  @EnumSource(Moment.class)
  void aCrashDuringADigestKeepsTheChainWholeAndTheBatchDurable(Moment moment) throws Exception {
    try (CrashFixture f = new CrashFixture(dir, b -> b.digestPeriod(Duration.ofSeconds(1)))) {
      AgentCredentials agentKey = f.enroll(ACCOUNT);
      TestAgent agent = f.agent(agentKey);
      f.store().crashOn(Call::isDigestListingFiles, moment);
      Sent one = batch(agent, 1, 4, ONE_REGION);
      try (TestStream s = agent.open()) {
        assertThat(s.exchange(one.batch()).getStatus()).isEqualTo(AckStatus.DURABLE);
      }

      CrashingStore crashed = f.store();
      f.restartAfterCrash();
      String digest = crashed.crashedAt().key();
      Sent two = batch(agent, 2, 4, ONE_REGION);
      Map<Long, Ack> acks = sendAll(f.agent(agentKey), List.of(one, two));

      assertThat(acks.get(1L).getStatus()).isEqualTo(AckStatus.DUPLICATE);
      assertThat(acks.get(2L).getStatus()).isEqualTo(AckStatus.DURABLE);
      assertEachEventOnce(f, List.of(one, two));
      f.stopAndValidate();
      assertThat(f.objects.object(digest)).as("the digest journaled before the crash, in the valid chain").isNotNull();
    }
  }

  /** Where the second aggregator, busy recovering from the first one's crash, crashes in turn. */
  enum DuringRecovery {
    /** Before the store was asked about the first journaled file. */
    BEFORE_THE_FIRST_LOOKUP(CrashingStore.nth(1, Call::isList), Moment.BEFORE),
    /** After it answered about the first file, before the answers were saved. */
    AFTER_THE_FIRST_LOOKUP(CrashingStore.nth(1, Call::isList), Moment.AFTER),
    /** After recovery was saved and answered, at the next log file (journaled, not put). */
    AT_THE_NEXT_LOG_FILE(CrashingStore.nth(1, Call::isLogFilePut), Moment.BEFORE);

    final Predicate<Call> trigger;
    final Moment moment;

    DuringRecovery(Predicate<Call> trigger, Moment moment) {
      this.trigger = trigger;
      this.moment = moment;
    }
  }

  @ParameterizedTest
  @EnumSource(DuringRecovery.class)
  void aCrashDuringRecoveryIsRecoveredFromByTheNextStart(DuringRecovery when) throws Exception {
    try (CrashFixture f = new CrashFixture(dir, b -> b)) {
      AgentCredentials agentKey = f.enroll(ACCOUNT);
      TestAgent agent = f.agent(agentKey);
      f.store().crashOn(CrashingStore.nth(2, Call::isLogFilePut), Moment.AFTER);
      List<Sent> sent = new ArrayList<>(List.of(batch(agent, 1, 6, TWO_REGIONS), batch(agent, 2, 6, TWO_REGIONS)));
      TestStream first = agent.open();
      sent.forEach(b -> first.send(b.batch()));

      f.restartAfterCrash(next -> next.crashOn(when.trigger, when.moment));
      sent.add(batch(agent, 3, 2, ONE_REGION));
      TestStream second = f.agent(agentKey).open();
      sent.forEach(b -> second.send(b.batch()));

      f.restartAfterCrash();
      Map<Long, Ack> acks = sendAll(f.agent(agentKey), sent);

      if (when == DuringRecovery.AT_THE_NEXT_LOG_FILE) {
        assertThat(second.acks()).as("recovery was complete").extracting(Ack::getSequence, Ack::getStatus)
            .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple(1L, AckStatus.DUPLICATE),
                org.assertj.core.groups.Tuple.tuple(2L, AckStatus.DUPLICATE));
      } else {
        assertThat(second.acks()).as("nothing is answered before recovery knows").isEmpty();
      }
      assertThat(acks.get(1L).getStatus()).isEqualTo(AckStatus.DUPLICATE);
      assertThat(acks.get(2L).getStatus()).isEqualTo(AckStatus.DUPLICATE);
      assertThat(acks.get(3L).getStatus()).isEqualTo(AckStatus.DURABLE);
      assertEachEventOnce(f, sent);
      f.stopAndValidate();
    }
  }

  @Test
  void aRestartWhileTheStoreIsDownHoldsTheResendUntilTheStoreAnswers() throws Exception {
    try (CrashFixture f = new CrashFixture(dir, b -> b)) {
      AgentCredentials agentKey = f.enroll(ACCOUNT);
      TestAgent agent = f.agent(agentKey);
      f.store().crashOn(CrashingStore.nth(1, Call::isLogFilePut), Moment.AFTER);
      Sent one = batch(agent, 1, 5, ONE_REGION);
      agent.open().send(one.batch());

      f.restartAfterCrash(next -> f.objects.failing(true));
      TestStream s = f.agent(agentKey).open();
      s.send(one.batch());
      Await.until(() -> f.stats().batchesAwaitingRecovery() == 1, () -> "the resend held: " + f.stats());
      long failures = f.stats().digestFailures();
      Await.until(() -> f.stats().digestFailures() >= failures + 2, () -> "the store asked again and again");
      assertThat(s.acks()).isEmpty();
      assertThat(f.stats().bufferedBytes()).as("a held batch counts against the memory budget")
          .isEqualTo(one.batch().getSerializedSize());

      f.objects.failing(false);
      assertThat(s.awaitAck(1, 1, Duration.ofSeconds(30)).get(0).getStatus()).isEqualTo(AckStatus.DUPLICATE);
      assertThat(f.stats().batchesAwaitingRecovery()).isZero();
      assertThat(f.stats().eventsSkippedAsDurable()).isEqualTo(5);
      assertEachEventOnce(f, List.of(one));
      s.close();
      f.stopAndValidate();
    }
  }
}
