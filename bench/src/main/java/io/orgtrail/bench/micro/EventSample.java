package io.orgtrail.bench.micro;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

/**
 * A fixed set of records (exact single-line JSON bytes) and their eventTimes: one benchmark operation's input.
 *
 * @param records the records, in order
 * @param eventTimes each record's eventTime, parsed once so benchmarks measure only what they name
 */
public record EventSample(List<byte[]> records, List<Instant> eventTimes) {
  private static final byte[] OPEN = "{\"Records\":[".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] CLOSE = "]}".getBytes(StandardCharsets.US_ASCII);

  public EventSample {
    records = List.copyOf(records);
    eventTimes = List.copyOf(eventTimes);
    if (records.size() != eventTimes.size()) {
      throw new IllegalArgumentException(
          records.size() + " records but " + eventTimes.size() + " eventTimes; give one eventTime per record");
    }
  }

  public int size() {
    return records.size();
  }

  /** The records' bytes, summed. */
  public long recordBytes() {
    long total = 0;
    for (byte[] r : records) {
      total += r.length;
    }
    return total;
  }

  /**
   * The uncompressed CloudTrail log file {@code {"Records":[r1,r2,...]}} built from the exact record bytes: the
   * bytes {@code LogFileAssembler} compresses and hashes.
   */
  public byte[] cloudTrailFile() {
    ByteArrayOutputStream out = new ByteArrayOutputStream((int) recordBytes() + records.size() + 16);
    out.writeBytes(OPEN);
    for (int i = 0; i < records.size(); i++) {
      if (i > 0) {
        out.write(',');
      }
      out.writeBytes(records.get(i));
    }
    out.writeBytes(CLOSE);
    return out.toByteArray();
  }
}
