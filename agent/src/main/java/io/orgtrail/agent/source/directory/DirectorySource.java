package io.orgtrail.agent.source.directory;

import io.orgtrail.agent.batch.SettlementListener;
import io.orgtrail.agent.intake.Intake;
import io.orgtrail.agent.intake.IntakeResult;
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
 * being written is not read half-way (writers that can should still write elsewhere and rename). It counts as
 * finished, and is recorded in {@link FinishedFiles}, only when every batch holding its events was acknowledged:
 * if the agent stops before that, the file is read again at the next start.
 */
public final class DirectorySource implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(DirectorySource.class);
  /** Files are read whole; this keeps a stray huge file from exhausting the heap. */
  static final long MAX_FILE_BYTES = 256L * 1024 * 1024;
  private static final int PROBLEMS_PER_LOG_LINE = 5;

  private final Path dir;
  private final Duration pollInterval;
  private final Intake intake;
  private final FinishedFiles finished;
  private final RecordSplitter splitter = new RecordSplitter();

  private final ScheduledExecutorService poller;
  // Only touched by the poller thread.
  private Map<Path, FileIdentity> lastPoll = new HashMap<>();
  private final Set<FileIdentity> takenThisRun = new HashSet<>();
  private boolean dirMissingLogged;

  private final AtomicLong filesFinished = new AtomicLong();
  private final AtomicLong filesFailed = new AtomicLong();
  private final AtomicInteger filesPending = new AtomicInteger();

  public DirectorySource(Path dir, Duration pollInterval, Intake intake, FinishedFiles finished) {
    this.dir = dir.toAbsolutePath().normalize();
    this.pollInterval = pollInterval;
    this.intake = intake;
    this.finished = finished;
    this.poller = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "orgtrail-agent-directory");
      t.setDaemon(true);
      return t;
    });
  }

  public void start() {
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

  /** Files done with in this run: delivered, unreadable, or with batches the aggregator rejected. */
  public long filesFinished() {
    return filesFinished.get();
  }

  /** Of {@link #filesFinished()}, those unreadable or with rejected batches. */
  public long filesFailed() {
    return filesFailed.get();
  }

  /** Files taken and being read, or waiting for their batches to be acknowledged. */
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

    FileTicket ticket = new FileTicket(id);
    filesPending.incrementAndGet();
    int accepted = 0;
    int refused = 0;
    List<String> problems = new ArrayList<>();
    try {
      for (SourceRecord r : records) {
        IntakeResult result = intake.offer(r.json(), ticket);
        if (result instanceof IntakeResult.Accepted) {
          accepted++;
        } else if (result instanceof IntakeResult.Rejected rejected) {
          refused++;
          if (problems.size() < PROBLEMS_PER_LOG_LINE) {
            problems.add(r.location() + " " + rejected.problem() + ": " + rejected.message());
          }
        }
      }
    } catch (InterruptedException e) {
      // Stopping: the file is not recorded, so it is read again at the next start.
      filesPending.decrementAndGet();
      throw e;
    }
    if (refused > 0) {
      log.warn("{}: refused {} of {} records: {}{}", id.path(), refused, records.size(), String.join("; ", problems),
          refused > problems.size() ? "; and " + (refused - problems.size()) + " more" : "");
    }
    ticket.readingDone(accepted);
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

  private void record(FileIdentity id, String outcome) {
    try {
      finished.add(id, outcome);
    } catch (IOException e) {
      log.error("cannot record {} as finished ({}); it will be read again at the next start", id.path(),
          e.toString());
    }
  }

  /** Counts a file's events through to their acknowledgement. */
  private final class FileTicket implements SettlementListener {
    private final FileIdentity id;
    private boolean reading = true; // guarded by this
    private int accepted; // guarded by this
    private int settled; // guarded by this
    private boolean dropped; // guarded by this
    private boolean done; // guarded by this

    FileTicket(FileIdentity id) {
      this.id = id;
    }

    @Override
    public void settled(int events, boolean acknowledged) {
      synchronized (this) {
        settled += events;
        dropped |= !acknowledged;
      }
      finishIfComplete();
    }

    void readingDone(int acceptedEvents) {
      synchronized (this) {
        reading = false;
        accepted = acceptedEvents;
      }
      finishIfComplete();
    }

    private void finishIfComplete() {
      boolean failed;
      synchronized (this) {
        if (done || reading || settled < accepted) {
          return;
        }
        done = true;
        failed = dropped;
      }
      if (failed) {
        log.error("{}: the aggregator rejected batches holding its events (see above); the file will be read "
            + "again at the next start", id.path());
        filesFailed.incrementAndGet();
      } else {
        record(id, FinishedFiles.DELIVERED);
      }
      filesFinished.incrementAndGet();
      filesPending.decrementAndGet();
    }
  }
}
