package io.orgtrail.aggregator.digest;

import io.orgtrail.aggregator.guard.KeyOutsideAccountException;
import io.orgtrail.aggregator.guard.WriteGuard;
import io.orgtrail.aggregator.sequence.BatchEvents;
import io.orgtrail.format.digest.ChainHead;
import io.orgtrail.format.digest.ChainId;
import io.orgtrail.format.digest.DigestSignature;
import io.orgtrail.format.layout.TrailLayout;
import io.orgtrail.format.layout.TrailName;
import io.orgtrail.store.ObjectInfo;
import io.orgtrail.store.ObjectStore;
import io.orgtrail.store.PutObject;
import io.orgtrail.store.StoreException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes the signed, chained digest files of every (account, region) chain: one per period, also when no log file
 * arrived, listing each log file delivered since the previous digest.
 *
 * <p>Crash safety comes from each chain's {@link ChainJournal}: a log file is journaled before it is put, so a file
 * that reached the store is listed even if the process died right after; a digest is journaled before it is put,
 * so after a restart the very same digest is put again and the next one names it (a chain never forks, and never
 * skips a period). Digests are written by one thread, in chain order; a failing store delays them and nothing is
 * lost.
 *
 * <p>A log file is journaled with the events it holds. After a restart, the files journaled before it are asked of
 * the store on the digest thread; the {@link RecoveryListener} learns which got there (their events are durable)
 * before any digest lists them, and so before compaction can drop their journal lines.
 */
public final class DigestWriter {
  private static final Logger log = LoggerFactory.getLogger(DigestWriter.class);
  /** After a long outage, missed periods are covered one by one up to this many, then by one digest. */
  static final long MAX_CATCH_UP_DIGESTS = 1000;
  static final String JOURNAL_SUFFIX = ".journal";

  /**
   * @param period how long one digest covers (1 hour, as CloudTrail, by default; seconds in tests)
   * @param journalDir where the chains' journals live (the aggregator's state directory)
   */
  public record Settings(TrailLayout layout, TrailName trail, Duration period, Path journalDir) {}

  private final Settings settings;
  private final DigestPeriods periods;
  private final ObjectStore store;
  private final WriteGuard guard;
  private final DigestSigner signer;
  private final Clock clock;
  private final Map<ChainId, DigestChain> chains = new ConcurrentHashMap<>();
  private final Map<String, List<DigestChain>> byAccount = new ConcurrentHashMap<>();
  private final ScheduledExecutorService thread;
  private final AtomicLong digestsWritten = new AtomicLong();
  private final AtomicLong failures = new AtomicLong();
  private final AtomicLong recoveredInStore = new AtomicLong();
  private final AtomicLong recoveredMissing = new AtomicLong();
  private volatile RecoveryListener recovery = RecoveryListener.NONE;
  private volatile String lastProblem;

  public DigestWriter(Settings settings, ObjectStore store, WriteGuard guard, DigestKeyRing keys, Clock clock) {
    this.settings = settings;
    this.periods = new DigestPeriods(settings.period());
    this.store = store;
    this.guard = guard;
    this.signer = new DigestSigner(settings.layout(), settings.trail(), store.bucket(), keys);
    this.clock = clock;
    this.thread = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "orgtrail-digests");
      t.setDaemon(true);
      return t;
    });
  }

  /** Reads the chains' journals; what they leave open is settled with the store by the digest thread. */
  public void recover() throws IOException {
    Files.createDirectories(settings.journalDir());
    try (Stream<Path> files = Files.list(settings.journalDir())) {
      for (Path f : files.filter(p -> p.getFileName().toString().endsWith(JOURNAL_SUFFIX)).toList()) {
        String stem = f.getFileName().toString();
        ChainId id;
        try {
          id = chainOf(stem.substring(0, stem.length() - JOURNAL_SUFFIX.length()));
        } catch (IllegalArgumentException e) {
          log.warn("ignoring {}: not a digest journal name ({})", f, e.getMessage());
          continue;
        }
        ChainJournal.Replayed replayed = ChainJournal.replay(f);
        register(DigestChain.recover(id, signer.bucket(), ChainJournal.open(f, replayed), replayed));
      }
    }
    if (!chains.isEmpty()) {
      log.info("continuing {} digest chains from {}", chains.size(), settings.journalDir());
    }
  }

  /**
   * The events held by the log files journaled before the restart whose fate is not known yet: after
   * {@link #recover()}, before {@link #start}. They are resolved on the digest thread and reported to the
   * {@link RecoveryListener}.
   */
  public List<BatchEvents> unresolvedHolds() {
    List<BatchEvents> holds = new ArrayList<>();
    for (DigestChain c : chains.values()) {
      for (ListedFile f : c.recovered()) {
        holds.addAll(f.holds());
      }
    }
    return holds;
  }

  /** As {@link #start(RecoveryListener)}, for a writer whose recovered files concern no one but the digests. */
  public void start() {
    start(RecoveryListener.NONE);
  }

  /**
   * Checks every chain about four times a period (at least once a second), sealing the digests that are due. The
   * first check resolves the files journaled before the restart, telling {@code recovery}.
   */
  public void start(RecoveryListener recovery) {
    this.recovery = recovery;
    long tick = Math.max(100, Math.min(1000, settings.period().toMillis() / 4));
    thread.scheduleWithFixedDelay(this::tick, 0, tick, TimeUnit.MILLISECONDS);
  }

  /**
   * Called before a log file is put: journals it with the events it holds, so that it is listed, and its events
   * are known to be durable, even if the process dies right after the put.
   */
  public void putting(String accountId, String region, String key, String sha256Hex, Instant oldest, Instant newest,
      List<BatchEvents> holds) throws IOException {
    chain(new ChainId(accountId, region)).putting(new ListedFile(key, sha256Hex, oldest, newest, holds));
  }

  /** The log file is durable in the store. */
  public void put(String accountId, String region, String key) {
    DigestChain c = chains.get(new ChainId(accountId, region));
    if (c != null) {
      c.put(key);
    }
  }

  /** The signed heads of an account's chains whose digests are in the store. */
  public List<ChainHead> heads(String accountId) {
    List<DigestChain> cs = byAccount.get(accountId);
    if (cs == null) {
      return List.of();
    }
    List<ChainHead> heads = new ArrayList<>(cs.size());
    for (DigestChain c : cs) {
      ChainHead h = c.signedHead();
      if (h != null) {
        heads.add(h);
      }
    }
    return heads;
  }

  public long digestsWritten() {
    return digestsWritten.get();
  }

  public long failures() {
    return failures.get();
  }

  /** Log files journaled before a restart that were found in the store. */
  public long recoveredInStore() {
    return recoveredInStore.get();
  }

  /** Log files journaled before a restart that never reached the store. */
  public long recoveredMissing() {
    return recoveredMissing.get();
  }

  /**
   * Stops the periodic digests and writes a final digest, ending now, for every chain with delivered files that no
   * digest lists yet, so that a stopped aggregator leaves every log file covered; a restart continues the chains
   * from there. Call it after the last log file was written. Returns false when the store did not take them all
   * within {@code timeout} (they are journaled and written on the next start).
   */
  public boolean close(Duration timeout) {
    thread.shutdown();
    try {
      thread.awaitTermination(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    Instant deadline = clock.instant().plus(timeout);
    boolean complete = true;
    for (DigestChain c : chains.values()) {
      complete &= finish(c, deadline);
      try {
        c.close();
      } catch (IOException e) {
        log.warn("closing the digest journal of {}: {}", c.id(), e.getMessage());
      }
    }
    return complete;
  }

  private boolean finish(DigestChain c, Instant deadline) {
    while (true) {
      try {
        settle(c);
        if (c.hasDelivered()) {
          Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
          Instant start = c.nextStart();
          Instant end = now.isAfter(start) ? now : start.plusSeconds(1);
          write(c, c.seal(end, signer));
        }
        return true;
      } catch (IOException | StoreException | RuntimeException e) {
        if (!clock.instant().isBefore(deadline)) {
          log.warn("shutdown: the final digest of {} is not written ({}); it is written on the next start",
              c.id(), e.getMessage());
          return false;
        }
        pause(200);
      }
    }
  }

  private void tick() {
    Instant now = clock.instant();
    for (DigestChain c : chains.values()) {
      try {
        advance(c, now);
      } catch (IOException | StoreException | RuntimeException e) { // an exception would cancel the schedule: never let one escape
        failures.incrementAndGet();
        String problem = "digest for " + c.id().accountId() + "/" + c.id().region() + " not written yet: "
            + e.getMessage();
        if (!problem.equals(lastProblem)) {
          log.warn("{}; retrying (log files keep being delivered and are listed once it works)", problem);
          lastProblem = problem;
        }
      }
    }
  }

  /** Writes every digest of {@code c} whose period has ended by {@code now}. */
  private void advance(DigestChain c, Instant now) throws IOException, StoreException {
    settle(c);
    while (true) {
      Instant start = c.nextStart();
      Instant end = periods.endAfter(start);
      if (end.isAfter(now)) {
        return;
      }
      if (periods.endingBetween(start, now) > MAX_CATCH_UP_DIGESTS) {
        end = periods.boundaryAtOrBefore(now);
        log.warn("digest chain {}/{} missed {} periods; one digest covers {} to {}", c.id().accountId(),
            c.id().region(), periods.endingBetween(start, now), start, end);
      }
      write(c, c.seal(end, signer));
    }
  }

  /** Finishes what a previous run (or a failed attempt) left open: an unconfirmed digest, unresolved files. */
  private void settle(DigestChain c) throws IOException, StoreException {
    SignedDigest pending = c.unconfirmed();
    if (pending != null) {
      write(c, pending);
    }
    List<ListedFile> recovered = c.recovered();
    if (!recovered.isEmpty()) {
      List<ListedFile> inStore = new ArrayList<>();
      List<BatchEvents> durable = new ArrayList<>();
      List<BatchEvents> notDurable = new ArrayList<>();
      for (ListedFile f : recovered) {
        if (exists(f.key())) {
          inStore.add(f);
          durable.addAll(f.holds());
        } else {
          notDurable.addAll(f.holds());
        }
      }
      // Before the chain may list them: once a digest lists a file, compaction drops its journal line.
      recovery.resolved(durable, notDurable);
      c.resolved(inStore);
      recoveredInStore.addAndGet(inStore.size());
      recoveredMissing.addAndGet(recovered.size() - inStore.size());
      log.info("digest chain {}/{}: {} of {} log files journaled before the restart are in the store and will be "
          + "listed", c.id().accountId(), c.id().region(), inStore.size(), recovered.size());
    }
  }

  private void write(DigestChain c, SignedDigest d) throws IOException, StoreException {
    try {
      guard.check(c.id().accountId(), d.key());
    } catch (KeyOutsideAccountException e) {
      throw new IOException(e.getMessage(), e);
    }
    store.put(new PutObject(d.key(), d.gzipped(), "application/json", "gzip",
        Map.of("signature", d.signature(), "signature-algorithm", DigestSignature.ALGORITHM)));
    c.confirm(d);
    digestsWritten.incrementAndGet();
    log.debug("digest {} written ({} log files)", d.key(), d.covered().size());
  }

  private boolean exists(String key) throws StoreException {
    for (ObjectInfo o : store.list(key)) {
      if (o.key().equals(key)) {
        return true;
      }
    }
    return false;
  }

  private DigestChain chain(ChainId id) throws IOException {
    DigestChain c = chains.get(id);
    if (c != null) {
      return c;
    }
    try {
      return chains.computeIfAbsent(id, k -> {
        try {
          Path file = settings.journalDir().resolve(k.accountId() + "_" + k.region() + JOURNAL_SUFFIX);
          Instant created = clock.instant().truncatedTo(ChronoUnit.SECONDS);
          DigestChain fresh = DigestChain.create(k, signer.bucket(), ChainJournal.create(file, created), created);
          byAccount.computeIfAbsent(k.accountId(), a -> new CopyOnWriteArrayList<>()).add(fresh);
          return fresh;
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      });
    } catch (UncheckedIOException e) {
      throw new IOException("cannot start the digest journal of " + id + " in " + settings.journalDir() + ": "
          + e.getCause().getMessage(), e.getCause());
    }
  }

  /** A journal's chain from its file name stem, {@code <account>_<region>}. */
  private static ChainId chainOf(String stem) {
    int i = stem.indexOf('_');
    if (i < 0) {
      throw new IllegalArgumentException("'" + stem + "' is not <account>_<region>");
    }
    return new ChainId(stem.substring(0, i), stem.substring(i + 1));
  }

  private void register(DigestChain c) {
    chains.put(c.id(), c);
    byAccount.computeIfAbsent(c.id().accountId(), a -> new CopyOnWriteArrayList<>()).add(c);
  }

  private static void pause(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
