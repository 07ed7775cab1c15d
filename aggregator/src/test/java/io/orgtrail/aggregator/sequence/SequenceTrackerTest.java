package io.orgtrail.aggregator.sequence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.orgtrail.aggregator.sequence.Admission.Kind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SequenceTrackerTest {
  private static final Runnable NO_WAIT = () -> {
    throw new AssertionError("no batch is in doubt here");
  };

  @TempDir Path dir;

  private SequenceTracker<String> open() throws IOException {
    return SequenceTracker.open(new SequenceStateFile(dir));
  }

  @Test
  void newInFlightAndDurableAreToldApart() throws Exception {
    SequenceTracker<String> t = open();
    Admission<String> first = t.admit("agt-a", 1, () -> "copy-1", NO_WAIT);
    assertThat(first.kind()).isEqualTo(Kind.NEW);
    assertThat(first.pending()).isEqualTo("copy-1");
    Admission<String> resend = t.admit("agt-a", 1, () -> "copy-2", NO_WAIT);
    assertThat(resend.kind()).isEqualTo(Kind.IN_FLIGHT);
    assertThat(resend.pending()).as("the first copy stands for the batch").isEqualTo("copy-1");
    assertThat(t.admit("agt-b", 1, () -> "other agent", NO_WAIT).kind()).as("sequences are per agent").isEqualTo(Kind.NEW);

    t.markDurable("agt-a", 1);
    assertThat(t.admit("agt-a", 1, () -> "late", NO_WAIT).kind()).isEqualTo(Kind.DURABLE);
  }

  @Test
  void gapsAreAllowedAndCloseWhenTheMissingSequencesArrive() throws Exception {
    SequenceTracker<String> t = open();
    for (long s : new long[] {1, 2, 5, 7}) {
      t.admit("agt-a", s, () -> "b", NO_WAIT);
      t.markDurable("agt-a", s);
    }
    assertThat(t.snapshot().get("agt-a")).isEqualTo(new DurableSequences(2, List.of(5L, 7L)));
    assertThat(t.admit("agt-a", 4, () -> "b", NO_WAIT).kind()).isEqualTo(Kind.NEW);
    assertThat(t.admit("agt-a", 5, () -> "b", NO_WAIT).kind()).isEqualTo(Kind.DURABLE);
    t.markDurable("agt-a", 3);
    t.markDurable("agt-a", 4);
    assertThat(t.snapshot().get("agt-a")).isEqualTo(new DurableSequences(5, List.of(7L)));
  }

  @Test
  void durableStateSurvivesARestartButInFlightDoesNot() throws Exception {
    SequenceTracker<String> t = open();
    t.admit("agt-a", 1, () -> "b", NO_WAIT);
    t.markDurable("agt-a", 1);
    t.admit("agt-a", 3, () -> "b", NO_WAIT);
    t.markDurable("agt-a", 3);
    t.admit("agt-a", 4, () -> "in flight when the process stopped", NO_WAIT);
    t.persist();

    SequenceTracker<String> after = open();
    assertThat(after.admit("agt-a", 1, () -> "b", NO_WAIT).kind()).isEqualTo(Kind.DURABLE);
    assertThat(after.admit("agt-a", 3, () -> "b", NO_WAIT).kind()).isEqualTo(Kind.DURABLE);
    assertThat(after.admit("agt-a", 2, () -> "b", NO_WAIT).kind()).isEqualTo(Kind.NEW);
    assertThat(after.admit("agt-a", 4, () -> "b", NO_WAIT).kind()).isEqualTo(Kind.NEW);
    assertThat(after.admit("agt-z", 1, () -> "b", NO_WAIT).kind()).isEqualTo(Kind.NEW);
    try (var files = Files.list(dir)) {
      assertThat(files).extracting(p -> p.getFileName().toString()).containsExactly("sequences.json");
    }
  }

  @Test
  void persistWritesOnlyWhenSomethingChanged() throws Exception {
    SequenceTracker<String> t = open();
    t.persist();
    assertThat(new SequenceStateFile(dir).path()).doesNotExist();
    t.admit("agt-a", 1, () -> "b", NO_WAIT);
    t.markDurable("agt-a", 1);
    t.persist();
    assertThat(new SequenceStateFile(dir).load()).containsEntry("agt-a", new DurableSequences(1, List.of()));
  }

  @Test
  void anAbandonedBatchIsTakenInAfreshOnResend() throws Exception {
    SequenceTracker<String> t = open();
    t.admit("agt-a", 1, () -> "b", NO_WAIT);
    t.abandon("agt-a", 1);
    assertThat(t.admit("agt-a", 1, () -> "again", NO_WAIT).kind()).isEqualTo(Kind.NEW);
  }

  @Test
  void theSetAboveAGapIsBoundedByGivingUpTheOldestGap() throws Exception {
    SequenceTracker<String> t = SequenceTracker.open(new SequenceStateFile(dir), 3);
    for (long s : new long[] {1, 3, 4, 5, 7}) {
      t.admit("agt-a", s, () -> "b", NO_WAIT);
      t.markDurable("agt-a", s);
    }
    // Above 1 the set held {3,4,5,7}: one too many, so 2 is given up as skipped and 3..5 join the run.
    assertThat(t.snapshot().get("agt-a")).isEqualTo(new DurableSequences(5, List.of(7L)));
    assertThat(t.admit("agt-a", 6, () -> "b", NO_WAIT).kind()).isEqualTo(Kind.NEW);
  }

  @Test
  void aCorruptStateFileIsAClearError() throws Exception {
    Files.writeString(dir.resolve("sequences.json"), "{truncated");
    assertThatThrownBy(this::open).isInstanceOf(IOException.class)
        .hasMessageContaining("sequences.json").hasMessageContaining("move it away");
  }

  @Test
  void partlyDurableBatchesSurviveARestartAndAreAdmittedWithTheirDurableEvents() throws Exception {
    SequenceTracker<String> t = open();
    t.admit("agt-a", 1, () -> "b", NO_WAIT);
    t.markEventsDurable(new BatchEvents("agt-a", 1, EventIndexes.range(0, 3)));
    t.markEventsDurable(new BatchEvents("agt-a", 1, EventIndexes.of(7)));
    t.persist();

    SequenceTracker<String> after = open();
    Admission<String> resend = after.admit("agt-a", 1, () -> "again", NO_WAIT);
    assertThat(resend.kind()).isEqualTo(Kind.NEW);
    assertThat(resend.durableEvents()).isEqualTo(EventIndexes.parse("0-2,7"));
    after.markDurable("agt-a", 1);
    assertThat(after.snapshot().get("agt-a")).as("a batch durable as a whole needs no event list")
        .isEqualTo(new DurableSequences(1, List.of()));
    assertThat(after.admit("agt-a", 1, () -> "late", NO_WAIT).kind()).isEqualTo(Kind.DURABLE);
  }

  @Test
  void eventsOfADurableBatchAreNotRecordedAgain() throws Exception {
    SequenceTracker<String> t = open();
    t.admit("agt-a", 1, () -> "b", NO_WAIT);
    t.markDurable("agt-a", 1);
    t.markEventsDurable(new BatchEvents("agt-a", 1, EventIndexes.of(0)));
    t.persist();
    assertThat(new SequenceStateFile(dir).load().get("agt-a")).isEqualTo(new DurableSequences(1, List.of()));
  }

  @Test
  void aBatchInDoubtWaitsUntilEveryFileHoldingItIsResolved() throws Exception {
    SequenceTracker<String> t = open();
    BatchEvents inFirstFile = new BatchEvents("agt-a", 5, EventIndexes.range(0, 2));
    BatchEvents inSecondFile = new BatchEvents("agt-a", 5, EventIndexes.range(2, 4));
    t.doubt(List.of(inFirstFile, inSecondFile));
    assertThat(t.inDoubt()).isEqualTo(1);
    List<String> woken = new java.util.ArrayList<>();
    assertThat(t.admit("agt-a", 5, () -> "copy", () -> woken.add("first copy")).kind()).isEqualTo(Kind.IN_DOUBT);
    assertThat(t.admit("agt-a", 5, () -> "copy", () -> woken.add("second copy")).kind()).isEqualTo(Kind.IN_DOUBT);
    assertThat(t.admit("agt-a", 6, () -> "other", NO_WAIT).kind()).as("other batches go on").isEqualTo(Kind.NEW);

    t.markEventsDurable(inFirstFile);
    t.resolve(List.of(inFirstFile)).forEach(Runnable::run);
    assertThat(woken).as("one file holding it is still unresolved").isEmpty();
    t.resolve(List.of(inSecondFile)).forEach(Runnable::run); // this one never reached the store
    assertThat(woken).containsExactly("first copy", "second copy");
    assertThat(t.inDoubt()).isZero();

    Admission<String> retried = t.admit("agt-a", 5, () -> "copy", NO_WAIT);
    assertThat(retried.kind()).isEqualTo(Kind.NEW);
    assertThat(retried.durableEvents()).isEqualTo(EventIndexes.range(0, 2));
  }

  @Test
  void aDurableBatchIsADuplicateEvenWhileInDoubt() throws Exception {
    SequenceTracker<String> t = open();
    t.admit("agt-a", 1, () -> "b", NO_WAIT);
    t.markDurable("agt-a", 1);
    t.doubt(List.of(new BatchEvents("agt-a", 1, EventIndexes.of(0))));
    assertThat(t.admit("agt-a", 1, () -> "b", NO_WAIT).kind()).isEqualTo(Kind.DURABLE);
  }

  @Test
  void version1StateFilesAreStillRead() throws Exception {
    Files.writeString(dir.resolve("sequences.json"),
        "{\"version\":1,\"agents\":{\"agt-a\":{\"contiguous\":4,\"above\":[6]}}}");
    SequenceTracker<String> t = open();
    assertThat(t.admit("agt-a", 4, () -> "b", NO_WAIT).kind()).isEqualTo(Kind.DURABLE);
    assertThat(t.admit("agt-a", 6, () -> "b", NO_WAIT).kind()).isEqualTo(Kind.DURABLE);
    assertThat(t.admit("agt-a", 5, () -> "b", NO_WAIT).kind()).isEqualTo(Kind.NEW);
  }

  @Test
  void aStateFileFromANewerVersionIsRefusedWithAClearMessage() throws Exception {
    Files.writeString(dir.resolve("sequences.json"), "{\"version\":9,\"agents\":{}}");
    assertThatThrownBy(this::open).isInstanceOf(IOException.class).hasMessageContaining("version 9");
  }

  @Test
  void partialEntriesBelowTheContiguousRunAreDropped() throws Exception {
    SequenceTracker<String> t = SequenceTracker.open(new SequenceStateFile(dir), 1);
    t.admit("agt-a", 2, () -> "b", NO_WAIT);
    t.markEventsDurable(new BatchEvents("agt-a", 2, EventIndexes.of(0)));
    for (long s : new long[] {3, 4}) {
      t.admit("agt-a", s, () -> "b", NO_WAIT);
      t.markDurable("agt-a", s);
    }
    // More than one durable sequence above the gap: 1 and 2 are given up as skipped, and so is 2's partial entry.
    assertThat(t.snapshot().get("agt-a")).isEqualTo(new DurableSequences(4, List.of()));
  }
}
