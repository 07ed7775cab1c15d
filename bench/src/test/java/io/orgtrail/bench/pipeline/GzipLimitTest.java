package io.orgtrail.bench.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.orgtrail.format.record.RecordSplitter;
import io.orgtrail.format.record.SourceRecord;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class GzipLimitTest {
  /** Records like CloudTrail's: repetitive structure, random ids. */
  private static List<byte[]> records(int n) {
    Random random = new Random(7);
    List<byte[]> records = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      String json = "{\"eventVersion\":\"1.09\",\"eventTime\":\"2026-11-21T06:00:0" + (i % 10) + "Z\","
          + "\"eventSource\":\"s3.amazonaws.com\",\"eventName\":\"GetObject\",\"awsRegion\":\"us-east-1\","
          + "\"requestID\":\"" + Long.toHexString(random.nextLong()) + "\",\"eventID\":\""
          + Long.toHexString(random.nextLong()) + "\",\"recipientAccountId\":\"111122223333\"}";
      records.add(json.getBytes(StandardCharsets.UTF_8));
    }
    return records;
  }

  @Test
  void thePayloadIsALogFileOfExactlyTheRecords() throws Exception {
    List<byte[]> records = records(3);

    List<SourceRecord> back = new RecordSplitter().split(GzipLimit.payload(records));

    assertThat(back).hasSize(3);
    for (int i = 0; i < 3; i++) {
      assertThat(back.get(i).json()).isEqualTo(records.get(i));
    }
  }

  @Test
  void measuresMegabytesAndEventsPerSecondOfTheSameWork() {
    List<byte[]> records = records(2_000);
    long recordBytes = records.stream().mapToLong(r -> r.length).sum();
    long payloadBytes = GzipLimit.payload(records).length;

    GzipLimit.Result r = GzipLimit.aggregatorLevel().measure(records, Duration.ofMillis(300));

    assertThat(r.megabytesPerSecond()).isPositive();
    assertThat(r.records()).isEqualTo(2_000);
    assertThat(r.meanRecordBytes()).isEqualTo(recordBytes / 2_000.0);
    // Both rates count the same rounds: events/s = MB/s x 10^6 / payload bytes x records.
    assertThat(r.eventsPerSecond())
        .isCloseTo(r.megabytesPerSecond() * 1e6 / payloadBytes * 2_000, within(r.eventsPerSecond() * 1e-9));
    assertThat(r.ratio()).as("repetitive JSON compresses").isGreaterThan(2);
    assertThat(r.level()).isEqualTo(6);
  }

  @Test
  void aHigherLevelCompressesAtLeastAsWell() {
    List<byte[]> records = records(2_000);

    double fast = new GzipLimit(1).measure(records, Duration.ofMillis(100)).ratio();
    double best = new GzipLimit(9).measure(records, Duration.ofMillis(100)).ratio();

    assertThat(best).isGreaterThanOrEqualTo(fast);
  }
}
