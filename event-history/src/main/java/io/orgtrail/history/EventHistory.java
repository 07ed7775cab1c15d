package io.orgtrail.history;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.orgtrail.store.ObjectInfo;
import io.orgtrail.store.ObjectStore;
import io.orgtrail.store.StoreException;
import io.orgtrail.store.StoredObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sqlite.SQLiteConfig;

/**
 * CloudTrail's event history: the management events of the last 90 days, indexed from delivered log files for
 * LookupEvents. An embedded SQLite database ({@value #DATABASE_FILE} in its directory) in WAL mode: one writer
 * (indexing, pruning; calls are serialised) and any number of concurrent lookups, which read a consistent
 * snapshot and never wait for the writer. Safe for use from many threads.
 *
 * <p>The history is a cache of the bucket: it can always be deleted and {@link #rebuild rebuilt} from it.
 */
public final class EventHistory implements AutoCloseable {
  public static final String DATABASE_FILE = "event-history.db";
  /** CloudTrail's event history keeps 90 days. */
  public static final Duration RETENTION = Duration.ofDays(90);
  public static final int DEFAULT_PROGRESS_EVERY = 100;

  private static final Logger log = LoggerFactory.getLogger(EventHistory.class);

  private final Path databaseFile;
  private final Clock clock;
  private final Connection writer;
  private final Object writeLock = new Object();
  private final ReaderPool readers;
  private final LogFileReader logFiles = new LogFileReader();
  private final EventQueries queries = new EventQueries(new ObjectMapper());

  private EventHistory(Path databaseFile, Clock clock, Connection writer, ReaderPool readers) {
    this.databaseFile = databaseFile;
    this.clock = clock;
    this.writer = writer;
    this.readers = readers;
  }

  /**
   * Opens the history in {@code directory} (created if missing), creating the database on first use.
   *
   * @param clock decides what "the last 90 days" and "now" are
   * @throws EventHistoryException when the directory or database cannot be created or opened
   */
  public static EventHistory open(Path directory, Clock clock) throws EventHistoryException {
    Objects.requireNonNull(clock, "clock");
    Path file = directory.toAbsolutePath().resolve(DATABASE_FILE);
    try {
      Files.createDirectories(file.getParent());
    } catch (IOException e) {
      throw new EventHistoryException("cannot create the event history directory " + file.getParent() + ": " + e,
          e);
    }
    String url = "jdbc:sqlite:" + file;
    Connection writer = null;
    try {
      SQLiteConfig config = new SQLiteConfig();
      config.setJournalMode(SQLiteConfig.JournalMode.WAL);
      // NORMAL in WAL mode never corrupts the database; a power cut may lose the last transactions, which only
      // forgets files that a rebuild re-indexes.
      config.setSynchronous(SQLiteConfig.SynchronousMode.NORMAL);
      config.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
      config.setBusyTimeout(30_000);
      config.setCacheSize(-128 * 1024);
      config.setTempStore(SQLiteConfig.TempStore.MEMORY);
      writer = DriverManager.getConnection(url, config.toProperties());
      writer.setAutoCommit(false);
      HistorySchema.apply(writer);
      writer.commit();
    } catch (SQLException e) {
      closeQuietly(writer);
      throw new EventHistoryException("cannot open the event history database " + file + ": " + e.getMessage()
          + " (it can be deleted and rebuilt from the bucket)", e);
    }
    ReaderPool readers = new ReaderPool(() -> {
      SQLiteConfig config = new SQLiteConfig();
      config.setBusyTimeout(30_000);
      Connection c = DriverManager.getConnection(url, config.toProperties());
      try (Statement s = c.createStatement()) {
        s.execute("PRAGMA query_only = true");
        s.execute("PRAGMA mmap_size = 268435456");
      }
      return c;
    }, 8);
    return new EventHistory(file, clock, writer, readers);
  }

  /** The database file. */
  public Path databaseFile() {
    return databaseFile;
  }

  /**
   * Indexes one delivered log file (gzip of {@code {"Records":[...]}}) in one transaction: its management events
   * of the last 90 days, each eventID at most once across all files. A key indexed before is not read again.
   *
   * @throws UnreadableLogFileException when the bytes are not gzip of CloudTrail JSON (nothing is indexed)
   * @throws EventHistoryException when the database fails
   */
  public IndexResult index(String objectKey, byte[] gzippedLogFile) throws EventHistoryException {
    Objects.requireNonNull(objectKey, "objectKey");
    Objects.requireNonNull(gzippedLogFile, "gzippedLogFile");
    if (isIndexed(objectKey)) {
      return IndexResult.skipped(objectKey);
    }
    Instant now = clock.instant();
    LogFileReader.Result file = logFiles.read(objectKey, gzippedLogFile, now.minus(RETENTION));
    synchronized (writeLock) {
      try {
        if (isIndexed(writer, objectKey)) {
          writer.rollback();
          return IndexResult.skipped(objectKey);
        }
        int added = insert(file.events());
        try (PreparedStatement s = writer.prepareStatement(
            "INSERT INTO indexed_files (object_key, indexed_at, events_added) VALUES (?, ?, ?)")) {
          s.setString(1, objectKey);
          s.setLong(2, now.getEpochSecond());
          s.setInt(3, added);
          s.executeUpdate();
        }
        writer.commit();
        return new IndexResult(objectKey, false, file.records(), added, file.events().size() - added,
            file.notManagement(), file.expired(), file.invalid(), file.accountMismatches());
      } catch (SQLException e) {
        rollbackQuietly();
        throw new EventHistoryException("cannot index " + objectKey + " into " + databaseFile + ": "
            + e.getMessage(), e);
      }
    }
  }

  private int insert(List<PreparedEvent> events) throws SQLException {
    long nextId;
    try (Statement s = writer.createStatement();
        ResultSet rs = s.executeQuery("SELECT COALESCE(MAX(id), 0) + 1 FROM events")) {
      rs.next();
      nextId = rs.getLong(1);
    }
    int added = 0;
    try (PreparedStatement event = writer.prepareStatement(
            "INSERT OR IGNORE INTO events (id, event_id, account, event_time, event_name, event_source, read_only,"
                + " username, access_key_id, resources) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
        PreparedStatement record = writer.prepareStatement("INSERT INTO event_records (id, record) VALUES (?, ?)");
        PreparedStatement type = writer.prepareStatement(
            "INSERT OR IGNORE INTO resource_types (value, event_time, event_rowid, account) VALUES (?, ?, ?, ?)");
        PreparedStatement name = writer.prepareStatement(
            "INSERT OR IGNORE INTO resource_names (value, event_time, event_rowid, account) VALUES (?, ?, ?, ?)")) {
      for (PreparedEvent e : events) {
        event.setLong(1, nextId);
        event.setString(2, e.eventId());
        event.setString(3, e.account());
        event.setLong(4, e.eventTime());
        event.setString(5, e.eventName());
        event.setString(6, e.eventSource());
        event.setString(7, e.readOnly());
        event.setString(8, e.username());
        event.setString(9, e.accessKeyId());
        event.setString(10, queries.resourcesColumn(e.resources()));
        if (event.executeUpdate() == 0) {
          continue; // eventID already in the history
        }
        record.setLong(1, nextId);
        record.setString(2, e.record());
        record.executeUpdate();
        for (HistoryResource r : e.resources()) {
          insertResource(type, r.resourceType(), e, nextId);
          insertResource(name, r.resourceName(), e, nextId);
        }
        nextId++;
        added++;
      }
    }
    return added;
  }

  private static void insertResource(PreparedStatement s, String value, PreparedEvent e, long rowId)
      throws SQLException {
    if (value == null) {
      return;
    }
    s.setString(1, value);
    s.setLong(2, e.eventTime());
    s.setLong(3, rowId);
    s.setString(4, e.account());
    s.executeUpdate();
  }

  /** Whether the log file at {@code objectKey} has been indexed (and not forgotten by {@link #prune}). */
  public boolean isIndexed(String objectKey) throws EventHistoryException {
    Connection c = borrow();
    try {
      return isIndexed(c, objectKey);
    } catch (SQLException e) {
      throw new EventHistoryException("cannot read " + databaseFile + ": " + e.getMessage(), e);
    } finally {
      readers.release(c);
    }
  }

  private static boolean isIndexed(Connection c, String objectKey) throws SQLException {
    try (PreparedStatement s = c.prepareStatement("SELECT 1 FROM indexed_files WHERE object_key = ?")) {
      s.setString(1, objectKey);
      try (ResultSet rs = s.executeQuery()) {
        return rs.next();
      }
    }
  }

  /**
   * LookupEvents: the events matching {@code request}, newest first (eventTime descending, then the order they
   * were indexed, descending), at most MaxResults of them.
   *
   * @throws LookupException when the request is wrong, with CloudTrail's error name
   * @throws EventHistoryException when the database fails
   */
  public LookupPage lookup(LookupRequest request) throws LookupException, EventHistoryException {
    ValidatedLookup q = ValidatedLookup.of(request, clock.instant(), RETENTION);
    Connection c = borrow();
    try {
      return queries.run(c, q);
    } catch (SQLException e) {
      throw new EventHistoryException("cannot read " + databaseFile + ": " + e.getMessage(), e);
    } finally {
      readers.release(c);
    }
  }

  /** How many events the history holds. */
  public long eventCount() throws EventHistoryException {
    Connection c = borrow();
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM events")) {
      rs.next();
      return rs.getLong(1);
    } catch (SQLException e) {
      throw new EventHistoryException("cannot read " + databaseFile + ": " + e.getMessage(), e);
    } finally {
      readers.release(c);
    }
  }

  /**
   * Deletes the events older than 90 days by the clock, and forgets the keys of files indexed before then (every
   * event of such a file is at least as old as its indexing, so re-reading it would add nothing).
   */
  public PruneResult prune() throws EventHistoryException {
    Instant cutoff = clock.instant().minus(RETENTION);
    long seconds = cutoff.getEpochSecond();
    synchronized (writeLock) {
      try {
        long deleted;
        try (PreparedStatement types = writer.prepareStatement("DELETE FROM resource_types WHERE event_time < ?");
            PreparedStatement names = writer.prepareStatement("DELETE FROM resource_names WHERE event_time < ?");
            PreparedStatement records = writer.prepareStatement(
                "DELETE FROM event_records WHERE id IN (SELECT id FROM events WHERE event_time < ?)");
            PreparedStatement events = writer.prepareStatement("DELETE FROM events WHERE event_time < ?");
            PreparedStatement keys = writer.prepareStatement("DELETE FROM indexed_files WHERE indexed_at < ?")) {
          for (PreparedStatement s : List.of(types, names, records, events, keys)) {
            s.setLong(1, seconds);
          }
          types.executeUpdate();
          names.executeUpdate();
          records.executeUpdate();
          deleted = events.executeUpdate();
          long forgotten = keys.executeUpdate();
          writer.commit();
          if (deleted > 0) {
            log.info("event history: pruned {} events older than {}", deleted, cutoff);
          }
          return new PruneResult(cutoff, deleted, forgotten);
        }
      } catch (SQLException e) {
        rollbackQuietly();
        throw new EventHistoryException("cannot prune " + databaseFile + ": " + e.getMessage(), e);
      }
    }
  }

  /** {@link #rebuild(ObjectStore, String, Consumer, int)} reporting every {@value #DEFAULT_PROGRESS_EVERY} files. */
  public RebuildReport rebuild(ObjectStore store, String prefix, Consumer<String> progress)
      throws EventHistoryException {
    return rebuild(store, prefix, progress, DEFAULT_PROGRESS_EVERY);
  }

  /**
   * Indexes every log file under {@code prefix} ({@code .../CloudTrail/<region>/...json.gz}; digests and Insights
   * files are left out) that is not indexed yet. A file that cannot be read or indexed is reported to
   * {@code progress} and in the result, and skipped: it never stops the rebuild.
   *
   * @param progress receives a line every {@code progressEvery} files, one per failure, and a summary
   * @throws EventHistoryException only when the store cannot be listed
   */
  public RebuildReport rebuild(ObjectStore store, String prefix, Consumer<String> progress, int progressEvery)
      throws EventHistoryException {
    if (progressEvery < 1) {
      throw new IllegalArgumentException("progressEvery must be at least 1, but was " + progressEvery);
    }
    List<ObjectInfo> listing;
    try {
      listing = store.list(prefix);
    } catch (StoreException e) {
      throw new EventHistoryException("cannot list " + prefix + " in " + store.describe() + ": " + e.getMessage(),
          e);
    }
    Set<String> keys = new LinkedHashSet<>();
    for (ObjectInfo info : listing) {
      if (LogFileKeys.isLogFile(info.key())) {
        keys.add(info.key());
      }
    }
    progress.accept("rebuilding the event history from " + keys.size() + " log files under '" + prefix + "' in "
        + store.describe());
    int done = 0, indexed = 0, skipped = 0;
    long added = 0;
    List<RebuildReport.Failure> failures = new ArrayList<>();
    for (String key : keys) {
      try {
        if (isIndexed(key)) {
          skipped++;
        } else {
          Optional<StoredObject> object = store.get(key);
          if (object.isEmpty()) {
            failures.add(fail(progress, key, "it was listed but is gone"));
          } else {
            IndexResult result = index(key, object.get().content());
            if (result.alreadyIndexed()) {
              skipped++;
            } else {
              indexed++;
              added += result.added();
            }
          }
        }
      } catch (StoreException e) {
        failures.add(fail(progress, key, "cannot read it: " + e.getMessage()));
      } catch (UnreadableLogFileException e) {
        failures.add(fail(progress, key, e.getMessage()));
      } catch (EventHistoryException | RuntimeException e) {
        failures.add(fail(progress, key, "cannot index it: " + e.getMessage()));
      }
      done++;
      if (done % progressEvery == 0 && done < keys.size()) {
        progress.accept(summary(done, keys.size(), indexed, skipped, failures.size(), added));
      }
    }
    progress.accept("done: " + summary(done, keys.size(), indexed, skipped, failures.size(), added));
    return new RebuildReport(keys.size(), indexed, skipped, added, failures);
  }

  private static String summary(int done, int total, int indexed, int skipped, int failed, long added) {
    return done + "/" + total + " log files (" + indexed + " indexed, " + skipped + " already indexed, " + failed
        + " failed), " + added + " events added";
  }

  private static RebuildReport.Failure fail(Consumer<String> progress, String key, String reason) {
    log.warn("event history rebuild: skipping {}: {}", key, reason);
    progress.accept("skipped " + key + ": " + reason);
    return new RebuildReport.Failure(key, reason);
  }

  private Connection borrow() throws EventHistoryException {
    try {
      return readers.borrow();
    } catch (SQLException e) {
      throw new EventHistoryException("cannot open " + databaseFile + " for reading: " + e.getMessage(), e);
    }
  }

  private void rollbackQuietly() {
    try {
      writer.rollback();
    } catch (SQLException e) {
      log.warn("event history: rollback failed on {}: {}", databaseFile, e.getMessage());
    }
  }

  @Override
  public void close() {
    readers.close();
    synchronized (writeLock) {
      closeQuietly(writer);
    }
  }

  private static void closeQuietly(Connection c) {
    if (c == null) {
      return;
    }
    try {
      c.close();
    } catch (SQLException e) {
      log.warn("event history: closing the database failed: {}", e.getMessage());
    }
  }
}
