package io.orgtrail.cli.inventory;

import io.orgtrail.format.record.InvalidFileException;
import io.orgtrail.format.record.InvalidRecordException;
import io.orgtrail.format.record.RecordFields;
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
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;

/**
 * Reads back every log file a trail delivered and what is in it, independently of how it was written: keys are
 * parsed from the listing, contents are decompressed and split again. Used by the quickstart's report and by the
 * end-to-end tests as the checker.
 */
public final class DeliveredLogs {
  private static final Pattern LOG_KEY = Pattern.compile(
      "(?:.+/)?AWSLogs/(?:(o-[a-z0-9]+)/)?(\\d{12})/CloudTrail/([^/]+)/(\\d{4})/(\\d{2})/(\\d{2})/"
          + "(\\d{12})_CloudTrail_([^_/]+)_(\\d{8}T\\d{4}Z)_([A-Za-z0-9]{16})\\.json\\.gz");

  private final RecordSplitter splitter = new RecordSplitter();
  private final RecordScanner scanner = new RecordScanner();

  /** One delivered log file: where it is, the account and region its key names, and the records inside. */
  public record LogFileContent(String key, String orgId, String account, String region, List<DeliveredRecord> records) {}

  /** One record inside a delivered file, with the fields a checker compares. */
  public record DeliveredRecord(String eventId, String recipientAccountId, String awsRegion, byte[] json) {}

  /** Every log file under {@code prefix}. Keys that do not look like log files are reported as problems. */
  public Inventory read(ObjectStore store, String prefix) throws StoreException {
    return read(store, prefix, key -> false);
  }

  /**
   * The log files under {@code prefix} except those {@code alreadyRead} names: log files are never rewritten, so a
   * checker that looks again and again reads each one once.
   */
  public Inventory read(ObjectStore store, String prefix, Predicate<String> alreadyRead) throws StoreException {
    List<LogFileContent> files = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    for (ObjectInfo info : store.list(prefix)) {
      if (info.key().contains("/CloudTrail-Digest/") || info.key().contains("/CloudTrail-Insight/")
          || alreadyRead.test(info.key())) {
        continue;
      }
      Matcher m = LOG_KEY.matcher(info.key());
      if (!m.matches() || !m.group(2).equals(m.group(7)) || !m.group(3).equals(m.group(8))) {
        problems.add("not a CloudTrail log file key: " + info.key());
        continue;
      }
      StoredObject object = store.get(info.key()).orElse(null);
      if (object == null) {
        problems.add("listed but gone: " + info.key());
        continue;
      }
      try {
        List<DeliveredRecord> records = new ArrayList<>();
        for (SourceRecord r : splitter.split(gunzip(object.content()))) {
          RecordFields f = scanner.scan(r.json());
          records.add(new DeliveredRecord(f.eventId(), f.recipientAccountId(), f.awsRegion(), r.json()));
        }
        files.add(new LogFileContent(info.key(), m.group(1), m.group(2), m.group(3), records));
      } catch (InvalidFileException | InvalidRecordException | UncheckedIOException e) {
        problems.add(info.key() + " is not valid CloudTrail JSON: " + e.getMessage());
      }
    }
    return new Inventory(files, problems);
  }

  private static byte[] gunzip(byte[] gz) {
    try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(gz))) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(new IOException("not gzip: " + e.getMessage(), e));
    }
  }
}
