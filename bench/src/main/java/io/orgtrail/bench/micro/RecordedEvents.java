package io.orgtrail.bench.micro;

import io.orgtrail.format.record.InvalidFileException;
import io.orgtrail.format.record.InvalidRecordException;
import io.orgtrail.format.record.RecordFields;
import io.orgtrail.format.record.RecordRules;
import io.orgtrail.format.record.RecordScanner;
import io.orgtrail.format.record.RecordSplitter;
import io.orgtrail.format.record.SourceRecord;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The real CloudTrail events the benchmarks feed on: every record of the Invictus dataset (2,900 events of about
 * 1.2 KB, one account, us-east-1), split from its log files by {@link RecordSplitter} and kept byte for byte. That
 * dataset alone is used because it is in CloudTrail's delivered form and every record passes {@link RecordRules}
 * as it is (the Stratus events carry fake regions, the OTRF ones have no eventTime).
 */
public final class RecordedEvents {
  public static final String DATASET = "invictus-aws-dataset";

  private final List<byte[]> records;
  private final List<Instant> eventTimes;
  private final String account;

  private RecordedEvents(List<byte[]> records, List<Instant> eventTimes, String account) {
    this.records = records;
    this.eventTimes = eventTimes;
    this.account = account;
  }

  /** Loads the events from the datasets directory {@link DatasetsDirectory#locate()} finds. */
  public static RecordedEvents load() {
    return load(DatasetsDirectory.locate());
  }

  /**
   * Loads and checks the events of {@code datasets}' {@value #DATASET} folder.
   *
   * @throws IllegalStateException when the folder is missing, empty, or holds a record the benchmarks cannot use
   */
  public static RecordedEvents load(Path datasets) {
    Path dir = datasets.resolve(DATASET);
    RecordSplitter splitter = new RecordSplitter();
    RecordScanner scanner = new RecordScanner();
    RecordRules rules = new RecordRules(scanner, RecordRules.DEFAULT_MAX_RECORD_BYTES);
    List<byte[]> records = new ArrayList<>();
    List<Instant> eventTimes = new ArrayList<>();
    String account = null;
    for (Path file : jsonFiles(dir)) {
      for (SourceRecord r : split(splitter, file)) {
        RecordFields fields;
        try {
          if (account == null) {
            // Every event must belong to one account, as an agent's do: the first one's sets it.
            account = scanner.scan(r.json()).recipientAccountId();
          }
          fields = rules.check(r.json(), account);
        } catch (InvalidRecordException e) {
          throw new IllegalStateException(file + " " + r.location() + " cannot be benchmarked as it is: "
              + e.getMessage() + "; restore the dataset from the repository", e);
        }
        records.add(r.json());
        eventTimes.add(Instant.parse(fields.eventTime()));
      }
    }
    if (records.isEmpty()) {
      throw new IllegalStateException(dir + " holds no CloudTrail records; restore the dataset from the repository");
    }
    return new RecordedEvents(List.copyOf(records), List.copyOf(eventTimes), account);
  }

  /** How many distinct events there are. */
  public int count() {
    return records.size();
  }

  /** The account every event belongs to (their recipientAccountId). */
  public String account() {
    return account;
  }

  /**
   * The first {@code n} events in dataset order, starting over from the first when {@code n} exceeds
   * {@link #count()}. The repeats are megabytes apart, far beyond deflate's 32 KB window, so they do not make the
   * data compress better than real traffic would.
   */
  public EventSample take(int n) {
    if (n < 1) {
      throw new IllegalArgumentException("a sample needs at least one event, not " + n);
    }
    List<byte[]> r = new ArrayList<>(n);
    List<Instant> t = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      r.add(records.get(i % records.size()));
      t.add(eventTimes.get(i % records.size()));
    }
    return new EventSample(r, t);
  }

  /** Every distinct event once. */
  public EventSample all() {
    return new EventSample(records, eventTimes);
  }

  private static List<SourceRecord> split(RecordSplitter splitter, Path file) {
    try {
      return splitter.split(Files.readAllBytes(file));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
    } catch (InvalidFileException e) {
      throw new IllegalStateException(file + " is not a CloudTrail log file: " + e.getMessage()
          + "; restore the dataset from the repository", e);
    }
  }

  private static List<Path> jsonFiles(Path dir) {
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(f -> f.getFileName().toString().endsWith(".json")).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + dir + ": " + e.getMessage(), e);
    }
  }
}
