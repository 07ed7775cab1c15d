package io.orgtrail.bench.pipeline;

import io.orgtrail.aggregator.AggregatorConfig;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.zip.GZIPOutputStream;

/**
 * "The limit": how fast one core gzips the same records at the aggregator's level (its {@code compressionLevel},
 * 6 unless set), as one {@code {"Records":[...]}} payload written
 * in one go through a {@link GZIPOutputStream} with 64 KB buffers, as the assembler sets it up. Nothing else of the
 * pipeline (signing, verifying, hashing, spooling, the network, the store) is in it: it is the floor the aggregator's
 * compression alone puts under a single core.
 *
 * <p>Time is the measuring thread's CPU time when the JVM offers it, so that other load on the machine does not
 * lower the figure (else wall time).
 */
final class GzipLimit {
  private static final byte[] OPEN = "{\"Records\":[".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] CLOSE = "]}".getBytes(StandardCharsets.US_ASCII);
  private static final int BUFFER = 64 * 1024;

  /**
   * @param megabytesPerSecond uncompressed MB (10^6 bytes) of the payload per CPU second
   * @param eventsPerSecond records per CPU second
   * @param meanRecordBytes the sample's mean record size
   * @param records records in the payload
   * @param ratio uncompressed / compressed size
   * @param level the deflate level used
   * @param cpuTime true when timed by thread CPU time, false by wall time
   */
  record Result(double megabytesPerSecond, double eventsPerSecond, double meanRecordBytes, int records, double ratio,
      int level, boolean cpuTime) {}

  private final int level;
  private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();

  GzipLimit(int level) {
    this.level = level;
  }

  /** At the aggregator's default level. */
  static GzipLimit aggregatorLevel() {
    return new GzipLimit(AggregatorConfig.DEFAULT_COMPRESSION_LEVEL);
  }

  /** Compresses the payload {@code records} make again and again for {@code time} (after a short warm-up). */
  Result measure(List<byte[]> records, Duration time) {
    if (records.isEmpty()) {
      throw new IllegalArgumentException("no records to measure the gzip limit on");
    }
    byte[] payload = payload(records);
    boolean cpuTime = threads.isCurrentThreadCpuTimeSupported();
    if (cpuTime && !threads.isThreadCpuTimeEnabled()) {
      threads.setThreadCpuTimeEnabled(true);
    }
    int compressedSize = 0;
    long warmUpEnd = System.nanoTime() + Math.min(time.toNanos() / 4, Duration.ofSeconds(1).toNanos());
    while (System.nanoTime() < warmUpEnd) {
      compressedSize = gzip(payload);
    }
    long rounds = 0;
    long startWall = System.nanoTime();
    long startCpu = cpuTime ? threads.getCurrentThreadCpuTime() : 0;
    long elapsed;
    do {
      compressedSize = gzip(payload);
      rounds++;
      elapsed = cpuTime ? threads.getCurrentThreadCpuTime() - startCpu : System.nanoTime() - startWall;
    } while (System.nanoTime() - startWall < time.toNanos() || rounds < 2);
    double seconds = elapsed / 1e9;
    long recordBytes = records.stream().mapToLong(r -> r.length).sum();
    return new Result(
        payload.length * (double) rounds / seconds / 1e6,
        records.size() * (double) rounds / seconds,
        (double) recordBytes / records.size(),
        records.size(),
        (double) payload.length / compressedSize,
        level,
        cpuTime);
  }

  /** The uncompressed log file the records make: {@code {"Records":[r1,r2,...]}}. */
  static byte[] payload(List<byte[]> records) {
    long size = OPEN.length + CLOSE.length + records.size() - 1L;
    for (byte[] r : records) {
      size += r.length;
    }
    if (size > Integer.MAX_VALUE - 16) {
      throw new IllegalArgumentException("a gzip-limit sample of " + size + " bytes is too large; use fewer records");
    }
    byte[] out = new byte[(int) size];
    int at = 0;
    System.arraycopy(OPEN, 0, out, at, OPEN.length);
    at += OPEN.length;
    for (int i = 0; i < records.size(); i++) {
      if (i > 0) {
        out[at++] = ',';
      }
      byte[] r = records.get(i);
      System.arraycopy(r, 0, out, at, r.length);
      at += r.length;
    }
    System.arraycopy(CLOSE, 0, out, at, CLOSE.length);
    return out;
  }

  private int gzip(byte[] payload) {
    ByteArrayOutputStream compressed = new ByteArrayOutputStream(payload.length / 4 + 1024);
    try (GZIPOutputStream gz = new GZIPOutputStream(compressed, BUFFER) {
      {
        def.setLevel(level);
      }
    }) {
      gz.write(payload);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return compressed.size();
  }
}
