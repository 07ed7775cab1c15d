package io.orgtrail.bench.pipeline;

import io.orgtrail.format.record.InvalidFileException;
import io.orgtrail.format.record.InvalidRecordException;
import io.orgtrail.format.record.RecordScanner;
import io.orgtrail.format.record.RecordSplitter;
import io.orgtrail.format.record.SourceRecord;
import io.orgtrail.store.ObjectInfo;
import io.orgtrail.store.ObjectStore;
import io.orgtrail.store.StoreException;
import io.orgtrail.store.StoredObject;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.zip.GZIPInputStream;

/**
 * Reads back a sample of the log files delivered during the measurement window: how long their records took from
 * being made to being visible in the store, how large the records are, and records for the gzip limit.
 *
 * <p>A record's delivery latency is its file's modification time in the store (local store: the file's mtime,
 * nanosecond precision, set just before the atomic rename that makes it visible; MinIO: the object's
 * {@code LastModified}, millisecond precision) minus its {@code eventTime} plus half a second: the generator stamps
 * records with their making time cut to the second, as CloudTrail writes it, so the true time is anywhere in the
 * following second and the estimate is off by at most ±0.5 s per record (the key's own time has minute precision
 * and is not used).
 */
final class DeliveryProbe {
  /** Half of eventTime's one-second precision: the midpoint estimate of when a record was made. */
  static final Duration EVENT_TIME_MIDPOINT = Duration.ofMillis(500);

  /**
   * @param filesInWindow log files whose modification time falls in the window
   * @param filesRead of those, the ones read (spread evenly over the window)
   * @param recordsRead records in the files read
   * @param recordBytes the records' own bytes (without the {@code {"Records":[...]}} frame and commas)
   * @param latenciesMillis delivery latencies of a sample of those records, spread over each file
   * @param gzipSample records in file order for the gzip limit
   */
  record Result(int filesInWindow, int filesRead, long recordsRead, long recordBytes, long[] latenciesMillis,
      List<byte[]> gzipSample) {
    double meanRecordBytes() {
      return recordsRead == 0 ? Double.NaN : (double) recordBytes / recordsRead;
    }
  }

  private final int maxFiles;
  private final long compressedBudget;
  private final int recordsPerFile;
  private final long gzipSampleBytes;
  private final RecordSplitter splitter = new RecordSplitter();
  private final RecordScanner scanner = new RecordScanner();

  /**
   * @param maxFiles read at most this many files
   * @param compressedBudget and at most about this many compressed bytes in all (large files at high rates)
   * @param recordsPerFile take the latency of at most this many records per file
   * @param gzipSampleBytes collect about this many record bytes for the gzip limit
   */
  DeliveryProbe(int maxFiles, long compressedBudget, int recordsPerFile, long gzipSampleBytes) {
    this.maxFiles = maxFiles;
    this.compressedBudget = compressedBudget;
    this.recordsPerFile = recordsPerFile;
    this.gzipSampleBytes = gzipSampleBytes;
  }

  static DeliveryProbe standard() {
    return new DeliveryProbe(200, 64L * 1024 * 1024, 500, 8L * 1024 * 1024);
  }

  Result read(ObjectStore store, Instant from, Instant to) throws StoreException {
    List<ObjectInfo> inWindow = new ArrayList<>();
    for (ObjectInfo info : store.list("")) {
      if (isLogFile(info.key()) && !info.lastModified().isBefore(from) && !info.lastModified().isAfter(to)) {
        inWindow.add(info);
      }
    }
    inWindow.sort(Comparator.comparing(ObjectInfo::lastModified));
    List<ObjectInfo> chosen = spread(inWindow);
    List<Long> latencies = new ArrayList<>();
    List<byte[]> gzipSample = new ArrayList<>();
    long gzipBytes = 0;
    long records = 0;
    long recordBytes = 0;
    for (ObjectInfo info : chosen) {
      StoredObject object = store.get(info.key()).orElseThrow(
          () -> new IllegalStateException("listed but gone from " + store.describe() + ": " + info.key()));
      List<SourceRecord> split = split(info.key(), object.content());
      records += split.size();
      int step = Math.max(1, split.size() / recordsPerFile);
      for (int i = 0; i < split.size(); i++) {
        byte[] json = split.get(i).json();
        recordBytes += json.length;
        if (i % step == 0) {
          latencies.add(latencyMillis(info, json));
        }
        if (gzipBytes < gzipSampleBytes) {
          gzipSample.add(json);
          gzipBytes += json.length;
        }
      }
    }
    return new Result(inWindow.size(), chosen.size(), records, recordBytes,
        latencies.stream().mapToLong(Long::longValue).toArray(), gzipSample);
  }

  static boolean isLogFile(String key) {
    return key.contains("/CloudTrail/") && key.endsWith(".json.gz");
  }

  /** Up to maxFiles files evenly spread over the window, fewer when they would exceed the byte budget. */
  private List<ObjectInfo> spread(List<ObjectInfo> files) {
    if (files.isEmpty()) {
      return files;
    }
    double meanSize = files.stream().mapToLong(ObjectInfo::size).average().orElse(1);
    int n = (int) Math.max(1, Math.min(Math.min(maxFiles, files.size()), compressedBudget / Math.max(1, meanSize)));
    List<ObjectInfo> chosen = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      chosen.add(files.get((int) ((long) i * files.size() / n)));
    }
    return chosen;
  }

  private long latencyMillis(ObjectInfo file, byte[] json) {
    String eventTime;
    try {
      eventTime = scanner.scan(json).eventTime();
    } catch (InvalidRecordException e) {
      throw new IllegalStateException("a record of " + file.key() + " does not scan: " + e.getMessage(), e);
    }
    if (eventTime == null) {
      throw new IllegalStateException("a record of " + file.key() + " has no eventTime");
    }
    try {
      Instant made = Instant.parse(eventTime).plus(EVENT_TIME_MIDPOINT);
      return Duration.between(made, file.lastModified()).toMillis();
    } catch (DateTimeParseException e) {
      throw new IllegalStateException("a record of " + file.key() + " has an eventTime that is not ISO-8601: "
          + eventTime, e);
    }
  }

  private List<SourceRecord> split(String key, byte[] gz) {
    try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(gz))) {
      return splitter.split(in.readAllBytes());
    } catch (IOException e) {
      throw new UncheckedIOException(new IOException(key + " is not gzip: " + e.getMessage(), e));
    } catch (InvalidFileException e) {
      throw new IllegalStateException(key + " is not a CloudTrail log file: " + e.getMessage(), e);
    }
  }
}
