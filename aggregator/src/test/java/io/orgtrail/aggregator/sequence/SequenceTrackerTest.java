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
  @TempDir Path dir;

  private SequenceTracker<String> open() throws IOException {
    return SequenceTracker.open(new SequenceStateFile(dir));
  }

  @Test
  void newInFlightAndDurableAreToldApart() throws Exception {
    SequenceTracker<String> t = open();
    Admission<String> first = t.admit("agt-a", 1, () -> "copy-1");
    assertThat(first.kind()).isEqualTo(Kind.NEW);
    assertThat(first.pending()).isEqualTo("copy-1");
    Admission<String> resend = t.admit("agt-a", 1, () -> "copy-2");
    assertThat(resend.kind()).isEqualTo(Kind.IN_FLIGHT);
    assertThat(resend.pending()).as("the first copy stands for the batch").isEqualTo("copy-1");
    assertThat(t.admit("agt-b", 1, () -> "other agent").kind()).as("sequences are per agent").isEqualTo(Kind.NEW);

    t.markDurable("agt-a", 1);
    assertThat(t.admit("agt-a", 1, () -> "late").kind()).isEqualTo(Kind.DURABLE);
  }

  @Test
  void gapsAreAllowedAndCloseWhenTheMissingSequencesArrive() throws Exception {
    SequenceTracker<String> t = open();
    for (long s : new long[] {1, 2, 5, 7}) {
      t.admit("agt-a", s, () -> "b");
      t.markDurable("agt-a", s);
    }
    assertThat(t.snapshot().get("agt-a")).isEqualTo(new DurableSequences(2, List.of(5L, 7L)));
    assertThat(t.admit("agt-a", 4, () -> "b").kind()).isEqualTo(Kind.NEW);
    assertThat(t.admit("agt-a", 5, () -> "b").kind()).isEqualTo(Kind.DURABLE);
    t.markDurable("agt-a", 3);
    t.markDurable("agt-a", 4);
    assertThat(t.snapshot().get("agt-a")).isEqualTo(new DurableSequences(5, List.of(7L)));
  }

  @Test
  void durableStateSurvivesARestartButInFlightDoesNot() throws Exception {
    SequenceTracker<String> t = open();
    t.admit("agt-a", 1, () -> "b");
    t.markDurable("agt-a", 1);
    t.admit("agt-a", 3, () -> "b");
    t.markDurable("agt-a", 3);
    t.admit("agt-a", 4, () -> "in flight when the process stopped");
    t.persist();

    SequenceTracker<String> after = open();
    assertThat(after.admit("agt-a", 1, () -> "b").kind()).isEqualTo(Kind.DURABLE);
    assertThat(after.admit("agt-a", 3, () -> "b").kind()).isEqualTo(Kind.DURABLE);
    assertThat(after.admit("agt-a", 2, () -> "b").kind()).isEqualTo(Kind.NEW);
    assertThat(after.admit("agt-a", 4, () -> "b").kind()).isEqualTo(Kind.NEW);
    assertThat(after.admit("agt-z", 1, () -> "b").kind()).isEqualTo(Kind.NEW);
    try (var files = Files.list(dir)) {
      assertThat(files).extracting(p -> p.getFileName().toString()).containsExactly("sequences.json");
    }
  }

  @Test
  void persistWritesOnlyWhenSomethingChanged() throws Exception {
    SequenceTracker<String> t = open();
    t.persist();
    assertThat(new SequenceStateFile(dir).path()).doesNotExist();
    t.admit("agt-a", 1, () -> "b");
    t.markDurable("agt-a", 1);
    t.persist();
    assertThat(new SequenceStateFile(dir).load()).containsEntry("agt-a", new DurableSequences(1, List.of()));
  }

  @Test
  void anAbandonedBatchIsTakenInAfreshOnResend() throws Exception {
    SequenceTracker<String> t = open();
    t.admit("agt-a", 1, () -> "b");
    t.abandon("agt-a", 1);
    assertThat(t.admit("agt-a", 1, () -> "again").kind()).isEqualTo(Kind.NEW);
  }

  @Test
  void theSetAboveAGapIsBoundedByGivingUpTheOldestGap() throws Exception {
    SequenceTracker<String> t = SequenceTracker.open(new SequenceStateFile(dir), 3);
    for (long s : new long[] {1, 3, 4, 5, 7}) {
      t.admit("agt-a", s, () -> "b");
      t.markDurable("agt-a", s);
    }
    // Above 1 the set held {3,4,5,7}: one too many, so 2 is given up as skipped and 3..5 join the run.
    assertThat(t.snapshot().get("agt-a")).isEqualTo(new DurableSequences(5, List.of(7L)));
    assertThat(t.admit("agt-a", 6, () -> "b").kind()).isEqualTo(Kind.NEW);
  }

  @Test
  void aCorruptStateFileIsAClearError() throws Exception {
    Files.writeString(dir.resolve("sequences.json"), "{truncated");
    assertThatThrownBy(this::open).isInstanceOf(IOException.class)
        .hasMessageContaining("sequences.json").hasMessageContaining("move it away");
  }
}
