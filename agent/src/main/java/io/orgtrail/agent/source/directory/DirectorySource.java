package io.orgtrail.agent.source.directory;

import io.orgtrail.agent.batch.AcceptanceTicket;
import io.orgtrail.agent.intake.Intake;
import io.orgtrail.agent.intake.IntakeResult;
import io.orgtrail.agent.spool.SourceMark;
import io.orgtrail.agent.spool.Spool;
import io.orgtrail.format.record.InvalidFileException;
import io.orgtrail.format.record.RecordSplitter;
import io.orgtrail.format.record.SourceRecord;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.GZIPInputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ships the CloudTrail files that appear in a directory: CloudTrail log files ({@code {"Records":[...]}}), JSON
 * arrays and JSON lines, named {@code *.json}, {@code *.jsonl} or {@code *.ndjson}, each optionally gzipped
 * ({@code .gz}). Dot-files and other names are ignored, and so are subdirectories.
 *
 * <p>A file is taken once its size and modification time were the same in two polls in a row, so a file still
 * being written is not read half-way (writers that can should still write elsewhere and rename). Its records are
 * handed over in chunks; each chunk ends its batch and waits until the spool took it (fsync'd). Every record
 * carries the file's position after it ({@link SourceMark}), written into the spool with its batch, so after a
 * crash the file is read on from exactly where the spool's records end: no record is lost or read twice. A file
 * counts as finished, and is recorded in {@link FinishedFiles}, once all its records are in the spool.
 *
 * <p>When the spool is full, handing over waits (the file pauses) until acknowledgements free room; when the
 * spool refuses a chunk (disk full, I/O error) the file pauses for {@link #RETRY} and goes on from the first
 * refused record.
 */
public final class DirectorySource implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(DirectorySource.class);
  /** Files are read whole; this keeps a stray huge file from exhausting the heap. */
  static final long MAX_FILE_BYTES = 256L * 1024 * 1024;
  private static final int PROBLEMS_PER_LOG_LINE = 5;
  /** How long a file pauses after the spool refused its records. */
  static final Duration RETRY = Duration.ofSeconds(1);

  private final Path dir;
  private final Duration pollInterval;
  private final Intake intake;
  private final FinishedFiles finished;
  private final Spool spool;
  private final int chunkRecords;
  private final RecordSplitter splitter = new RecordSplitter();

  private final ScheduledExecutorService poller;
  // Only touched by the poller thread.
  private Map<Path, FileIdentity> lastPoll = new HashMap<>();
  private final Set<FileIdentity> takenThisRun = new HashSet<>();
  private boolean dirMissingLogged;
  private boolean pausedLogged;

  private final AtomicLong filesFinished = new AtomicLong();
  private final AtomicLong filesFailed = new AtomicLong();
  private final AtomicInteger filesPending = new AtomicInteger();

  /**
   * @param spool where the positions of files read part-way are kept (and read back after a restart)
   * @param chunkRecords records handed over before the file waits for them to reach the spool
   */
  public DirectorySource(Path dir, Duration pollInterval, Intake intake, FinishedFiles finished, Spool spool,
      int chunkRecords) {
    this.dir = dir.toAbsolutePath().normalize();
    this.pollInterval = pollInterval;
    this.intake = intake;
    this.finished = finished;
    this.spool = spool;
    this.chunkRecords = chunkRecords;
    this.poller = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "orgtrail-agent-directory");
      t.setDaemon(true);
      return t;
    });
  }

  public void start() {
    forgetFinishedMarks();
    poller.scheduleWithFixedDelay(this::pollSafely, 0, pollInterval.toNanos(), TimeUnit.NANOSECONDS);
  }

  /** Stops polling; a file being read is abandoned (and read again at the next start). */
  @Override
  public void close() {
    poller.shutdownNow();
    try {
      poller.awaitTermination(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Files done with in this run: all records in the spool, or unreadable. */
  public long filesFinished() {
    return filesFinished.get();
  }

  /** Of {@link #filesFinished()}, those unreadable. */
  public long filesFailed() {
    return filesFailed.get();
  }

  /** Files taken and being read (or paused). */
  public int filesPending() {
    return filesPending.get();
  }

  private void pollSafely() {
    try {
      pollOnce();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      log.error("polling {} failed; trying again at the next poll", dir, e);
    }
  }

  /** One look at the directory: reads each file that is stable since the last look and not read before. */
  void pollOnce() throws InterruptedException {
    Map<Path, FileIdentity> now = list();
    if (now == null) {
      return; // could not look: keep what the last look saw, so nothing is taken twice
    }
    for (FileIdentity id : now.values()) {
      if (Thread.currentThread().isInterrupted()) {
        throw new InterruptedException();
      }
      if (id.equals(lastPoll.get(id.path())) && !takenThisRun.contains(id) && !finished.contains(id)) {
        takenThisRun.add(id);
        read(id);
      }
    }
    lastPoll = now;
    takenThisRun.removeIf(id -> !id.equals(now.get(id.path())));
  }

  /** The candidate files now in the directory, or null when the directory cannot be listed. */
  private Map<Path, FileIdentity> list() {
    Map<Path, FileIdentity> files = new HashMap<>();
    try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir)) {
      for (Path p : stream) {
        if (!isCandidate(p.getFileName().toString())) {
          continue;
        }
        try {
          BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class);
          if (a.isRegularFile()) {
            files.put(p, new FileIdentity(p, a.size(), a.lastModifiedTime().toMillis()));
          }
        } catch (NoSuchFileException gone) {
          // removed between listing and looking: nothing to do
        }
      }
      dirMissingLogged = false;
    } catch (NoSuchFileException e) {
      if (!dirMissingLogged) {
        log.warn("watched directory {} does not exist (yet); waiting for it", dir);
        dirMissingLogged = true;
      }
      return null;
    } catch (IOException e) {
      log.error("cannot list watched directory {}: {}", dir, e.toString());
      return null;
    }
    return files;
  }

  static boolean isCandidate(String name) {
    if (name.startsWith(".")) {
      return false;
    }
    String n = name.toLowerCase(Locale.ROOT);
    if (n.endsWith(".gz")) {
      n = n.substring(0, n.length() - 3);
    }
    return n.endsWith(".json") || n.endsWith(".jsonl") || n.endsWith(".ndjson");
  }

  private void read(FileIdentity id) throws InterruptedException {
    List<SourceRecord> records;
    try {
      records = splitter.split(content(id.path()));
    } catch (NoSuchFileException e) {
      return; // removed before we got to it
    } catch (IOException e) {
      // Possibly fixable (permissions): not recorded, so the next start tries again.
      log.error("cannot read {}: {}; skipped until the agent restarts", id.path(), e.toString());
      return;
    } catch (InvalidFileException e) {
      log.error("{} is not a CloudTrail log file, JSON array or JSON lines file ({}); skipped for good",
          id.path(), e.getMessage());
      filesFinished.incrementAndGet();
      filesFailed.incrementAndGet();
      record(id, FinishedFiles.UNREADABLE);
      return;
    }

    String key = id.markKey();
    // Where the spool's records of this file end: past every record an earlier run got into the spool.
    long marked = spool.position(key);
    if (marked > 0) {
      log.info("{}: going on at record {} of {}; the records before it are in the spool already", id.path(),
          marked + 1, records.size());
    }
    filesPending.incrementAndGet();
    int refused = 0;
    List<String> problems = new ArrayList<>();
    long next = marked; // the next record to look at
    long checked = marked; // records before this were checked once (refusals are not counted twice on a retry)
    try {
      while (next < records.size()) {
        AcceptanceTicket ticket = new AcceptanceTicket();
        List<Long> ends = new ArrayList<>(); // position after each record handed over, in order
        long from = marked;
        int i = (int) next;
        for (; i < records.size() && ends.size() < chunkRecords; i++) {
          SourceRecord r = records.get(i);
          IntakeResult result = intake.check(r.json());
          if (result instanceof IntakeResult.Accepted a) {
            intake.offerChecked(a, ticket, new SourceMark(key, from, i + 1L));
            from = i + 1L;
            ends.add(from);
          } else if (result instanceof IntakeResult.Filtered && i >= checked) {
            // Taken and done with, like a refused record: the next accepted record's mark spans it.
            intake.countFiltered(1);
          } else if (result instanceof IntakeResult.Rejected rejected && i >= checked) {
            intake.countRejected(rejected.problem());
            refused++;
            if (problems.size() < PROBLEMS_PER_LOG_LINE) {
              problems.add(r.location() + " " + rejected.problem() + ": " + rejected.message());
            }
          }
        }
        checked = Math.max(checked, i);
        if (ends.isEmpty()) {
          next = i; // only invalid records: nothing to wait for
          continue;
        }
        ticket.handedOver(ends.size());
        intake.flush();
        ticket.await();
        int spooled = ticket.spooledPrefix();
        if (spooled == ends.size()) {
          marked = ends.get(ends.size() - 1);
          next = i;
          if (pausedLogged) {
            log.info("{}: the spool takes records again; reading on", id.path());
            pausedLogged = false;
          }
          continue;
        }
        marked = spooled == 0 ? marked : ends.get(spooled - 1);
        next = marked;
        if (!pausedLogged) {
          log.warn("{}: the spool refused records from position {} on ({}); pausing this file and trying again "
              + "every {} ms", id.path(), marked, ticket.refusal(), RETRY.toMillis());
          pausedLogged = true;
        }
        TimeUnit.NANOSECONDS.sleep(RETRY.toNanos());
      }
    } catch (InterruptedException e) {
      // Stopping: not recorded; the next start goes on where the spool's records of it end.
      filesPending.decrementAndGet();
      throw e;
    }
    if (refused > 0) {
      log.warn("{}: refused {} of {} records: {}{}", id.path(), refused, records.size(), String.join("; ", problems),
          refused > problems.size() ? "; and " + (refused - problems.size()) + " more" : "");
    }
    if (record(id, FinishedFiles.ACCEPTED)) {
      spool.forgetMark(key);
    }
    filesFinished.incrementAndGet();
    filesPending.decrementAndGet();
  }

  /**
   * Forgets the spool's positions of files that were finished, are gone or changed (another file now), so new
   * segments stop carrying them.
   */
  private void forgetFinishedMarks() {
    for (String key : spool.marks().keySet()) {
      FileIdentity id = FileIdentity.fromMarkKey(key);
      if (id != null && (finished.contains(id) || !id.equals(current(id.path())))) {
        spool.forgetMark(key);
      }
    }
  }

  private static FileIdentity current(Path file) {
    try {
      BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
      return new FileIdentity(file, a.size(), a.lastModifiedTime().toMillis());
    } catch (IOException goneOrUnreadable) {
      return null;
    }
  }

  private static byte[] content(Path file) throws IOException, InvalidFileException {
    try (InputStream raw = Files.newInputStream(file);
        InputStream in = file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".gz")
            ? new GZIPInputStream(raw, 64 * 1024)
            : raw) {
      byte[] bytes = in.readNBytes((int) MAX_FILE_BYTES + 1);
      if (bytes.length > MAX_FILE_BYTES) {
        throw new InvalidFileException("its content is over " + MAX_FILE_BYTES + " bytes; split it into smaller files");
      }
      return bytes;
    } catch (java.util.zip.ZipException | java.io.EOFException e) {
      throw new InvalidFileException("it is not valid gzip: " + e.getMessage());
    }
  }

  private boolean record(FileIdentity id, String outcome) {
    try {
      finished.add(id, outcome);
      return true;
    } catch (IOException e) {
      log.error("cannot record {} as finished ({}); the next start looks at it again (its records in the spool "
          + "are not read twice)", id.path(), e.toString());
      return false;
    }
  }
}
