package io.orgtrail.aggregator.digest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.orgtrail.aggregator.sequence.BatchEvents;
import io.orgtrail.aggregator.sequence.EventIndexes;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChainJournalTest {
  private static final Instant T = Instant.parse("2024-05-01T10:00:00Z");

  @TempDir Path dir;

  private static ListedFile file(String key, BatchEvents... holds) {
    return new ListedFile(key, "ab".repeat(32), T, T.plusSeconds(1), List.of(holds));
  }

  @Test
  void aFileLineCarriesTheEventsItHolds() throws Exception {
    Path path = dir.resolve("j.journal");
    ListedFile f = file("k1", new BatchEvents("agt-0000000000000001", 7, EventIndexes.parse("0-9,12")),
        new BatchEvents("agt-0000000000000002", 1, EventIndexes.of(0)));
    try (ChainJournal j = ChainJournal.create(path, T)) {
      j.appendFile(f);
    }
    ChainJournal.Replayed r = ChainJournal.replay(path);
    assertThat(r.uncovered()).containsExactly(f);
    assertThat(Files.readString(path)).startsWith("{\"t\":\"created\",\"v\":2,")
        .contains("\"holds\":[{\"a\":\"agt-0000000000000001\",\"s\":7,\"e\":\"0-9,12\"}");
  }

  @Test
  void compactionKeepsTheHoldsOfFilesNoDigestCovers() throws Exception {
    Path path = dir.resolve("j.journal");
    ListedFile f = file("k1", new BatchEvents("agt-0000000000000001", 3, EventIndexes.range(0, 4)));
    try (ChainJournal j = ChainJournal.create(path, T)) {
      j.appendFile(file("covered"));
      j.compact(T, null, List.of(f));
    }
    assertThat(ChainJournal.replay(path).uncovered()).containsExactly(f);
  }

  @Test
  void aTornLastLineIsIgnoredAndCutOffBeforeTheNextAppend() throws Exception {
    Path path = dir.resolve("j.journal");
    ListedFile first = file("k1", new BatchEvents("agt-0000000000000001", 1, EventIndexes.of(0)));
    try (ChainJournal j = ChainJournal.create(path, T)) {
      j.appendFile(first);
    }
    long intact = Files.size(path);
    // The process died in the middle of the next append: part of a line, no newline.
    Files.write(path, "{\"t\":\"file\",\"key\":\"k2\",\"ha".getBytes(StandardCharsets.UTF_8), StandardOpenOption.APPEND);

    ChainJournal.Replayed r = ChainJournal.replay(path);
    assertThat(r.uncovered()).containsExactly(first);
    assertThat(r.validBytes()).isEqualTo(intact);
    ListedFile second = file("k3", new BatchEvents("agt-0000000000000001", 2, EventIndexes.of(0)));
    try (ChainJournal j = ChainJournal.open(path, r)) {
      j.appendFile(second);
    }
    assertThat(ChainJournal.replay(path).uncovered()).containsExactly(first, second);
  }

  @Test
  void aCompleteLastLineWithoutItsNewlineIsTornToo() throws Exception {
    Path path = dir.resolve("j.journal");
    try (ChainJournal j = ChainJournal.create(path, T)) {
      j.appendFile(file("k1"));
    }
    String line = "{\"t\":\"file\",\"key\":\"k2\",\"hash\":\"" + "ab".repeat(32) + "\"}";
    Files.write(path, line.getBytes(StandardCharsets.UTF_8), StandardOpenOption.APPEND);
    assertThat(ChainJournal.replay(path).uncovered()).extracting(ListedFile::key).containsExactly("k1");
  }

  @Test
  void aDamagedLineBeforeTheLastIsAnError() throws Exception {
    Path path = dir.resolve("j.journal");
    Files.writeString(path, "{\"t\":\"created\",\"at\":\"2024-05-01T10:00:00Z\"}\n{garbage\n{\"t\":\"file\",\"key\":\"k\"}\n");
    assertThatThrownBy(() -> ChainJournal.replay(path)).isInstanceOf(IOException.class)
        .hasMessageContaining("line 2 is damaged");
  }

  @Test
  void aVersion1JournalIsReadWithFilesHoldingNothingKnown() throws Exception {
    Path path = dir.resolve("j.journal");
    // Exactly what the aggregator wrote before holds existed.
    Files.writeString(path, "{\"t\":\"created\",\"at\":\"2024-05-01T10:00:00Z\"}\n"
        + "{\"t\":\"file\",\"key\":\"k1\",\"hash\":\"" + "ab".repeat(32) + "\",\"oldest\":\"2024-05-01T10:00:00Z\","
        + "\"newest\":\"2024-05-01T10:00:01Z\"}\n");
    ChainJournal.Replayed r = ChainJournal.replay(path);
    assertThat(r.createdAt()).isEqualTo(T);
    assertThat(r.uncovered()).containsExactly(file("k1"));
  }

  @Test
  void aJournalFromANewerVersionIsRefused() throws Exception {
    Path path = dir.resolve("j.journal");
    Files.writeString(path, "{\"t\":\"created\",\"v\":3,\"at\":\"2024-05-01T10:00:00Z\"}\n");
    assertThatThrownBy(() -> ChainJournal.replay(path)).isInstanceOf(IOException.class)
        .hasMessageContaining("format version 3");
  }
}
