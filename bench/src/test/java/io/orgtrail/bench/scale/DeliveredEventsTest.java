package io.orgtrail.bench.scale;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.orgtrail.format.logfile.LogFileAssembler;
import io.orgtrail.store.LocalDirectoryStore;
import io.orgtrail.store.PutObject;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real log files (built by the aggregator's own assembler) in a real local store. */
class DeliveredEventsTest {
  private static final int BATCH_SIZE = 4;
  private static final Instant TIME = Instant.parse("2026-11-21T10:00:00Z");

  @TempDir Path dir;

  private final EventIds ids = new EventIds(0x5ca1e000);
  private int files;

  private byte[] record(EventIds from, int stream, long sequence, int index) {
    return ("{\"eventID\":\"" + from.of(stream, sequence, index) + "\",\"eventTime\":\"2026-11-21T10:00:00Z\","
        + "\"requestParameters\":{\"sharedEventID\":\"x\"}}").getBytes(StandardCharsets.UTF_8);
  }

  private void put(LocalDirectoryStore store, List<byte[]> records) throws Exception {
    LogFileAssembler assembler = new LogFileAssembler();
    records.forEach(r -> assembler.add(r, TIME));
    files++;
    store.put(PutObject.gzipJson("AWSLogs/o-test/111122223333/CloudTrail/us-east-1/2026/11/21/111122223333_"
        + "CloudTrail_us-east-1_20261121T1000Z_file" + files + "abcdefghijk.json.gz", assembler.finish().gzipped()));
  }

  private static StreamResult stream(int stream, long sentBatches, long ackedEvents, List<Long> unacked) {
    return new StreamResult(stream, "agt-000000000000000" + stream, "111122223333", sentBatches,
        sentBatches * BATCH_SIZE, sentBatches - unacked.size(), ackedEvents, ackedEvents * 100, 0, 0, 10, 0, 0, 0, 0,
        unacked, List.of(), false, null);
  }

  @Test
  void everyAcknowledgedEventDeliveredOnceIsClean() throws Exception {
    LocalDirectoryStore store = new LocalDirectoryStore(dir, "orgtrail");
    // Stream 0: batches 1 and 2 (4 events each) split over two files; stream 1: batch 1 in one file.
    put(store, List.of(record(ids, 0, 1, 0), record(ids, 0, 1, 1), record(ids, 0, 1, 2), record(ids, 0, 1, 3),
        record(ids, 0, 2, 0)));
    put(store, List.of(record(ids, 0, 2, 1), record(ids, 0, 2, 2), record(ids, 0, 2, 3), record(ids, 1, 1, 0),
        record(ids, 1, 1, 1), record(ids, 1, 1, 2), record(ids, 1, 1, 3)));
    // Digests and other objects are not log files.
    store.put(PutObject.gzipJson("AWSLogs/o-test/111122223333/CloudTrail-Digest/us-east-1/2026/11/21/d.json.gz",
        gzip("{}")));

    DeliveredEvents.Delivered delivered = new DeliveredEvents(ids, 2, BATCH_SIZE, 2).read(store);
    DeliveredEvents.Reconciliation r = DeliveredEvents.reconcile(delivered,
        List.of(stream(0, 2, 8, List.of()), stream(1, 1, 4, List.of())));

    assertThat(r.files()).isEqualTo(2);
    assertThat(r.records()).isEqualTo(12);
    assertThat(r.acknowledged()).isEqualTo(12);
    assertThat(r.deliveredAcknowledged()).isEqualTo(12);
    assertThat(r.lost()).isZero();
    assertThat(r.duplicates()).isZero();
    assertThat(r.clean()).isTrue();
  }

  @Test
  void findsLostDuplicatedUnacknowledgedAndForeignEvents() throws Exception {
    LocalDirectoryStore store = new LocalDirectoryStore(dir, "orgtrail");
    // Stream 0 acknowledged batch 1 (4 events) but only 3 are delivered, one of them twice; batch 2 was never
    // acknowledged yet 1 event is delivered; plus one event of another run.
    put(store, List.of(record(ids, 0, 1, 0), record(ids, 0, 1, 1), record(ids, 0, 1, 2), record(ids, 0, 2, 0)));
    put(store, List.of(record(ids, 0, 1, 1), record(new EventIds(0x11111111), 0, 1, 3)));

    DeliveredEvents.Reconciliation r = DeliveredEvents.reconcile(
        new DeliveredEvents(ids, 1, BATCH_SIZE, 1).read(store), List.of(stream(0, 2, 4, List.of(2L))));

    assertThat(r.records()).isEqualTo(6);
    assertThat(r.acknowledged()).isEqualTo(4);
    assertThat(r.deliveredAcknowledged()).isEqualTo(3);
    assertThat(r.lost()).isEqualTo(1);
    assertThat(r.streamsWithLoss()).isEqualTo(1);
    assertThat(r.duplicates()).isEqualTo(1);
    assertThat(r.deliveredUnacknowledged()).isEqualTo(1);
    assertThat(r.foreign()).isEqualTo(1);
    assertThat(r.clean()).isFalse();
  }

  @Test
  void aFileThatIsNoLogFileFailsTheRead() throws Exception {
    LocalDirectoryStore store = new LocalDirectoryStore(dir, "orgtrail");
    store.put(PutObject.gzipJson("AWSLogs/o-test/111122223333/CloudTrail/us-east-1/2026/11/21/x.json.gz",
        gzip("[{\"eventID\":\"x\"}]")));

    assertThatThrownBy(() -> new DeliveredEvents(ids, 1, BATCH_SIZE, 1).read(store)).isInstanceOf(IOException.class)
        .hasMessageContaining("x.json.gz does not start with {\"Records\":[");
  }

  @Test
  void theCrossCheckCatchesRecordsCountedWrongly() throws Exception {
    LocalDirectoryStore store = new LocalDirectoryStore(dir, "orgtrail");
    byte[] nested = ("{\"eventID\":\"" + ids.of(0, 1, 0) + "\",\"requestParameters\":{\"eventID\":\"y\"}}")
        .getBytes(StandardCharsets.UTF_8);
    put(store, List.of(nested));

    assertThatThrownBy(() -> new DeliveredEvents(ids, 1, BATCH_SIZE, 1).read(store)).isInstanceOf(IOException.class)
        .hasMessageContaining("holds 1 records but 2 start with");
  }

  private static byte[] gzip(String json) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
      gz.write(json.getBytes(StandardCharsets.UTF_8));
    }
    return out.toByteArray();
  }
}
