package io.orgtrail.agent.spool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import io.orgtrail.agent.testing.TestRecords;
import io.orgtrail.proto.v1.Batch;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The spool over real files: what survives a restart, and what a damaged file turns into. */
class SpoolTest {
  private static final String AGENT = "agt-00000000000000c5";
  private static final String ACCOUNT = "111122223333";
  private static final Clock CLOCK = Clock.fixed(Instant.parse("2024-05-01T10:00:00Z"), ZoneOffset.UTC);

  @TempDir Path dir;
  private final List<Spool> opened = new ArrayList<>();

  @AfterEach
  void closeAll() {
    opened.forEach(Spool::close);
  }

  private Spool open(long segmentBytes) throws IOException {
    Spool s = Spool.open(dir, AGENT, 1L << 30, segmentBytes, 1, CLOCK);
    opened.add(s);
    return s;
  }

  private static Batch batch(long sequence, int events) {
    Batch.Builder b = Batch.newBuilder().setAgentId(AGENT).setSequence(sequence);
    for (int i = 0; i < events; i++) {
      b.addEvents(ByteString.copyFrom(TestRecords.bytes(ACCOUNT, "us-east-1", "e-" + sequence + "-" + i)));
    }
    return b.setSignature(ByteString.copyFromUtf8("signature-of-" + sequence)).build();
  }

  /** Appends and commits one batch per call, as the sealer does with fsync per batch. */
  private static List<SpooledBatch> write(Spool spool, int batches, int eventsEach, List<SourceMark> marks)
      throws IOException {
    List<SpooledBatch> out = new ArrayList<>();
    for (int i = 0; i < batches; i++) {
      long seq = spool.nextSequence();
      Batch b = batch(seq, eventsEach);
      long bytes = b.getEventsList().stream().mapToLong(ByteString::size).sum();
      out.add(spool.append(seq, b, eventsEach, bytes, marks));
      spool.commit();
      spool.rollIfFull();
    }
    return out;
  }

  private List<Path> files(String glob) throws IOException {
    List<Path> out = new ArrayList<>();
    try (Stream<Path> s = Files.list(dir)) {
      s.filter(p -> dir.getFileSystem().getPathMatcher("glob:" + glob).matches(p.getFileName())).sorted()
          .forEach(out::add);
    }
    return out;
  }

  @Test
  void aRestartFindsTheUnacknowledgedBatchesInOrderWithTheirExactBytesAndSequencesGoOn() throws Exception {
    Spool first = open(1 << 20);
    List<SpooledBatch> written = write(first, 5, 3, List.of());
    first.acknowledge(2);
    first.acknowledge(4);
    assertThat(first.stats().batches()).isEqualTo(3);
    assertThat(first.stats().events()).isEqualTo(9);
    assertThat(first.stats().oldestSpooledAtMillis()).isEqualTo(CLOCK.millis());
    first.close();

    Spool again = open(1 << 20);
    assertThat(again.unacknowledged()).extracting(SpooledBatch::sequence).containsExactly(1L, 3L, 5L);
    assertThat(again.unacknowledged()).containsExactly(written.get(0), written.get(2), written.get(4));
    for (SpooledBatch b : again.unacknowledged()) {
      assertThat(again.read(b.location()).toByteArray()).isEqualTo(batch(b.sequence(), 3).toByteArray());
    }
    assertThat(again.nextSequence()).isEqualTo(6);
    assertThat(again.stats().recoveredBatches()).isEqualTo(3);

    for (SpooledBatch b : again.unacknowledged()) {
      again.acknowledge(b.sequence());
    }
    again.close();
    Spool drained = open(1 << 20);
    assertThat(drained.unacknowledged()).isEmpty();
    assertThat(drained.nextSequence()).as("numbers never go back, even when everything was acknowledged")
        .isEqualTo(6);
  }

  @Test
  void segmentsRollAtTheirSizeAndAreDeletedOnceAllTheirBatchesAreAcknowledged() throws Exception {
    Spool spool = open(2000);
    List<SpooledBatch> written = write(spool, 9, 3, List.of()); // about 1 KB each: two per segment
    List<Path> segments = files("*.seg");
    assertThat(segments).hasSizeGreaterThanOrEqualTo(4);
    long diskBefore = spool.stats().diskBytes();
    assertThat(diskBefore).isEqualTo(segments.stream().mapToLong(SpoolTest::size).sum());

    for (SpooledBatch b : written.subList(0, 8)) {
      spool.acknowledge(b.sequence());
    }
    // Only the segment holding batch 9 (and the one being written, if another) is left.
    assertThat(files("*.seg")).hasSizeLessThanOrEqualTo(2).contains(
        dir.resolve(String.format("%020d.seg", written.get(8).location().segment())));
    assertThat(files("*.acks")).hasSizeLessThanOrEqualTo(2);
    assertThat(spool.stats().diskBytes()).isLessThan(diskBefore / 2)
        .isEqualTo(Stream.concat(files("*.seg").stream(), files("*.acks").stream()).mapToLong(SpoolTest::size).sum());
    assertThat(spool.capacity().diskBytes()).isEqualTo(spool.stats().diskBytes());
  }

  @Test
  void aDrainedSegmentOnAFullDiskIsReplacedSoItsSpaceComesBack() throws Exception {
    Spool spool = open(1L << 30); // one segment would take everything: a small disk fills before it rolls
    List<SpooledBatch> written = write(spool, 3, 3, List.of());
    Path first = files("*.seg").get(0);
    assertThat(Files.size(dir.resolve(Spool.RESERVE_FILE))).isEqualTo(Spool.RESERVE_BYTES);
    written.forEach(b -> spool.acknowledge(b.sequence()));
    spool.rollIfDrained();
    assertThat(files("*.seg")).as("a short drained segment stays until a write is refused").containsExactly(first);

    spool.discardFailedAppend(); // what the sealer does when the disk is full
    spool.rollIfDrained();
    assertThat(files("*.seg")).hasSize(1).doesNotContain(first);
    assertThat(spool.stats().batches()).isZero();
    List<SpooledBatch> after = write(spool, 1, 3, List.of());
    assertThat(after.get(0).sequence()).isEqualTo(written.get(2).sequence() + 1);
  }

  @Test
  void aTornTailIsCutOffMovedAsideAndReportedAndTheGoodRecordsAreKept() throws Exception {
    Spool first = open(1 << 20);
    List<SpooledBatch> written = write(first, 3, 2, List.of());
    first.close();
    Path segment = files("*.seg").get(0);
    SpoolLocation third = written.get(2).location();
    long cutAt = third.offset() + third.length() / 2; // a power cut in the middle of the last write
    byte[] tail = Files.readAllBytes(segment);
    try (FileChannel ch = FileChannel.open(segment, StandardOpenOption.WRITE)) {
      ch.truncate(cutAt);
    }

    Spool again = open(1 << 20);
    assertThat(again.unacknowledged()).extracting(SpooledBatch::sequence).containsExactly(1L, 2L);
    assertThat(again.stats().corruptTails()).isEqualTo(1);
    assertThat(again.stats().corruptBytes()).isEqualTo(cutAt - third.offset());
    assertThat(size(segment)).isEqualTo(third.offset());
    Path aside = Path.of(segment + ".corrupt-1");
    assertThat(Files.readAllBytes(aside)).isEqualTo(java.util.Arrays.copyOfRange(tail, (int) third.offset(), (int) cutAt));
    assertThat(again.nextSequence()).as("batch 3 never reached a source or the aggregator").isEqualTo(3);

    // Appending goes on after the good records.
    assertThat(write(again, 1, 1, List.of()).get(0).location().offset()).isEqualTo(third.offset());
  }

  @Test
  void aDamagedRecordIsCutOffWithEverythingAfterIt() throws Exception {
    Spool first = open(1 << 20);
    List<SpooledBatch> written = write(first, 3, 2, List.of());
    first.close();
    Path segment = files("*.seg").get(0);
    SpoolLocation second = written.get(1).location();
    flipByte(segment, second.offset() + second.length() - 5);

    Spool again = open(1 << 20);
    assertThat(again.unacknowledged()).extracting(SpooledBatch::sequence).containsExactly(1L);
    assertThat(again.stats().corruptTails()).isEqualTo(1);
    assertThat(again.stats().corruptBytes()).isEqualTo(second.length() + written.get(2).location().length());
    assertThat(Path.of(segment + ".corrupt-1")).exists();
  }

  @Test
  void aSegmentWithAnUnreadableHeaderIsMovedAsideWhole() throws Exception {
    Spool first = open(1 << 20);
    write(first, 1, 1, List.of());
    first.close();
    Path segment = files("*.seg").get(0);
    flipByte(segment, 3);

    Spool again = open(1 << 20);
    assertThat(again.unacknowledged()).isEmpty();
    assertThat(again.stats().corruptTails()).isEqualTo(1);
    assertThat(Path.of(segment + ".corrupt-1")).exists();
    assertThat(again.nextSequence()).as("the damaged segment's name still counts").isEqualTo(1);
  }

  @Test
  void readingBackChecksTheChecksum() throws Exception {
    Spool spool = open(1 << 20);
    SpooledBatch b = write(spool, 1, 2, List.of()).get(0);
    flipByte(files("*.seg").get(0), b.location().offset() + 20);
    assertThatThrownBy(() -> spool.read(b.location()))
        .isInstanceOf(CorruptSpoolRecordException.class)
        .hasMessageContaining("checksum");
  }

  @Test
  void aRollbackCutsTheUncommittedBatchesOffAndTheirSequencesAreUsedAgain() throws Exception {
    Spool spool = open(1 << 20);
    write(spool, 1, 1, List.of());
    long committedSize = size(files("*.seg").get(0));
    spool.append(2, batch(2, 1), 1, 10, List.of(new SourceMark("file", 0, 4)));
    spool.append(3, batch(3, 1), 1, 10, List.of(new SourceMark("file", 4, 9)));
    assertThat(spool.position("file")).isEqualTo(9);

    List<SpooledBatch> cut = spool.rollback();
    assertThat(cut).extracting(SpooledBatch::sequence).containsExactly(2L, 3L);
    assertThat(spool.nextSequence()).isEqualTo(2);
    assertThat(spool.position("file")).isZero();
    assertThat(spool.stats().batches()).isEqualTo(1);
    assertThat(size(files("*.seg").get(0))).isEqualTo(committedSize);
    spool.close();
    assertThat(open(1 << 20).unacknowledged()).extracting(SpooledBatch::sequence).containsExactly(1L);
  }

  @Test
  void sourcePositionsSurviveRestartsAndTheDeletionOfTheSegmentsTheyWereWrittenIn() throws Exception {
    Spool first = open(1500);
    write(first, 1, 3, List.of(new SourceMark("file-a", 0, 3)));
    write(first, 1, 3, List.of(new SourceMark("file-b", 0, 3)));
    write(first, 1, 3, List.of(new SourceMark("file-a", 3, 7)));
    first.forgetMark("file-b");
    write(first, 2, 3, List.of()); // rolls again: file-a is copied on, file-b is not
    for (long seq = 1; seq <= 5; seq++) {
      first.acknowledge(seq);
    }
    assertThat(files("*.seg")).hasSize(1);
    first.close();

    Spool again = open(1500);
    assertThat(again.marks()).containsExactly(Map.entry("file-a", 7L));
    assertThat(again.position("file-a")).isEqualTo(7);
    assertThat(again.position("file-b")).isZero();
  }

  @Test
  void aTornAcknowledgementIsIgnoredAndThatBatchIsFoundUnacknowledged() throws Exception {
    Spool first = open(1 << 20);
    write(first, 3, 1, List.of());
    first.acknowledge(1);
    first.acknowledge(2);
    first.close();
    Path acks = files("*.acks").get(0);
    try (FileChannel ch = FileChannel.open(acks, StandardOpenOption.WRITE)) {
      ch.truncate(size(acks) - 3);
    }

    Spool again = open(1 << 20);
    assertThat(again.unacknowledged()).extracting(SpooledBatch::sequence).containsExactly(2L, 3L);
    assertThat(size(acks)).isEqualTo(12);
  }

  @Test
  void anotherAgentsSegmentIsNotTakenOver() throws Exception {
    Spool.open(dir.resolve("other"), "agt-00000000000000ff", 1L << 30, 1 << 20, 1, CLOCK).close();
    Path foreign = Files.list(dir.resolve("other")).filter(p -> p.toString().endsWith(".seg")).findFirst().orElseThrow();
    Files.copy(foreign, dir.resolve(foreign.getFileName()));
    assertThatThrownBy(() -> open(1 << 20))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("belongs to agent agt-00000000000000ff, not to " + AGENT);
  }

  @Test
  void aNewSpoolStartsAtTheSequenceFileBound() throws Exception {
    Spool s = Spool.open(dir, AGENT, 1L << 30, 1 << 20, 2049, CLOCK);
    opened.add(s);
    assertThat(s.nextSequence()).isEqualTo(2049);
    assertThat(files("*.seg")).containsExactly(dir.resolve("00000000000000002049.seg"));
  }

  @Test
  void capacityCountsDiskAndReservationsAndLetsAnythingThroughWhenNothingIsHeld() throws Exception {
    SpoolCapacity c = new SpoolCapacity(1000);
    assertThat(c.tryReserve(5000)).as("nothing held").isTrue();
    assertThat(c.tryReserve(1)).isFalse();
    c.release(5000);
    c.changed(700, 1);
    assertThat(c.tryReserve(300)).isTrue();
    assertThat(c.tryReserve(1)).isFalse();
    c.release(300);
    c.changed(-700, -1);
    assertThat(c.tryReserve(1000)).isTrue();
    assertThat(c.fullRefusals()).isEqualTo(2);
  }

  private static long size(Path p) {
    try {
      return Files.size(p);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static void flipByte(Path file, long offset) throws IOException {
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
      ByteBuffer one = ByteBuffer.allocate(1);
      ch.read(one, offset);
      one.put(0, (byte) (one.get(0) ^ 0x5a)).rewind();
      ch.write(one, offset);
    }
  }
}
