package io.orgtrail.bench.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.orgtrail.format.logfile.LogFileAssembler;
import io.orgtrail.store.LocalDirectoryStore;
import io.orgtrail.store.PutObject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real log files in a real local store, with modification times set to what the test needs. */
class DeliveryProbeTest {
  private static final String PREFIX = "AWSLogs/o-orgtrailbench/111100000001/CloudTrail/us-east-1/2026/11/21/";

  @TempDir Path dir;

  private static byte[] record(String eventTime, int padding) {
    return ("{\"eventTime\":\"" + eventTime + "\",\"eventSource\":\"s3.amazonaws.com\",\"eventName\":\"GetObject\","
        + "\"awsRegion\":\"us-east-1\",\"recipientAccountId\":\"111100000001\",\"pad\":\"" + "x".repeat(padding)
        + "\"}").getBytes(StandardCharsets.UTF_8);
  }

  private void deliver(LocalDirectoryStore store, String name, Instant modified, List<byte[]> records)
      throws Exception {
    LogFileAssembler file = new LogFileAssembler();
    records.forEach(r -> file.add(r, Instant.EPOCH));
    String key = PREFIX + "111100000001_CloudTrail_us-east-1_20261121T0600Z_" + name + ".json.gz";
    store.put(PutObject.gzipJson(key, file.finish().gzipped()));
    Files.setLastModifiedTime(store.root().resolve(key), FileTime.from(modified));
  }

  @Test
  void latencyIsTheFilesTimeMinusTheMiddleOfTheRecordsEventTimeSecond() throws Exception {
    LocalDirectoryStore store = new LocalDirectoryStore(dir.resolve("bucket"));
    Instant t = Instant.parse("2026-11-21T06:00:10Z");
    // Made in the second 06:00:09 (midpoint 09.5): delivered at 10.0 and 11.5 -> 500 ms and 2,000 ms.
    deliver(store, "aaaaaaaaaaaaaaaa", t, List.of(record("2026-11-21T06:00:09Z", 10)));
    deliver(store, "bbbbbbbbbbbbbbbb", t.plusMillis(1_500),
        List.of(record("2026-11-21T06:00:09Z", 20), record("2026-11-21T06:00:09Z", 30)));
    // Outside the window: not read.
    deliver(store, "cccccccccccccccc", t.plusSeconds(60), List.of(record("2026-11-21T06:00:09Z", 40)));
    // A digest in the window is no log file.
    store.put(PutObject.gzipJson("AWSLogs/o-orgtrailbench/111100000001/CloudTrail-Digest/us-east-1/2026/11/21/"
        + "d.json.gz", new byte[] {1}));

    DeliveryProbe.Result r = DeliveryProbe.standard().read(store, t.minusSeconds(5), t.plusSeconds(5));

    assertThat(r.filesInWindow()).isEqualTo(2);
    assertThat(r.filesRead()).isEqualTo(2);
    assertThat(r.recordsRead()).isEqualTo(3);
    assertThat(LongStream.of(r.latenciesMillis()).sorted().toArray()).containsExactly(500, 2_000, 2_000);
    long bytes = record("x", 10).length + record("x", 20).length + record("x", 30).length
        + 3L * ("2026-11-21T06:00:09Z".length() - 1);
    assertThat(r.recordBytes()).isEqualTo(bytes);
    assertThat(r.meanRecordBytes()).isEqualTo(bytes / 3.0);
    assertThat(r.gzipSample()).hasSize(3);
  }

  @Test
  void readsAtMostTheConfiguredFilesSpreadOverTheWindowAndRecordsPerFile() throws Exception {
    LocalDirectoryStore store = new LocalDirectoryStore(dir.resolve("bucket"));
    Instant t = Instant.parse("2026-11-21T06:01:00Z");
    for (int i = 0; i < 10; i++) {
      deliver(store, String.format("%016d", i), t.plusSeconds(i),
          LongStream.range(0, 8).mapToObj(n -> record("2026-11-21T06:00:59Z", 5)).toList());
    }

    DeliveryProbe.Result r = new DeliveryProbe(5, Long.MAX_VALUE, 2, 1).read(store, t, t.plusSeconds(9));

    assertThat(r.filesInWindow()).isEqualTo(10);
    assertThat(r.filesRead()).isEqualTo(5);
    assertThat(r.recordsRead()).isEqualTo(5 * 8);
    assertThat(r.latenciesMillis()).as("every 4th record of 8, in 5 files").hasSize(5 * 2);
    // The files read are spread: the first at t (500 ms), the last at t+8 s.
    assertThat(LongStream.of(r.latenciesMillis()).min().orElseThrow()).isEqualTo(500);
    assertThat(LongStream.of(r.latenciesMillis()).max().orElseThrow()).isEqualTo(8_500);
    assertThat(r.gzipSample()).as("stops collecting once the byte budget is reached").hasSize(1);
  }
}
