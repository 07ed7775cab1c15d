package io.orgtrail.aggregator;

import io.orgtrail.store.ObjectInfo;
import io.orgtrail.store.ObjectStore;
import io.orgtrail.store.PutObject;
import io.orgtrail.store.StoreException;
import io.orgtrail.store.StoredObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * A test double at our {@link ObjectStore} seam that simulates a crash of the aggregator process at a chosen store
 * call: at that moment the aggregator's state directory is copied (what the disk holds after the crash, which the
 * next aggregator starts from) and every later call fails, so that the old aggregator, still running in this JVM,
 * can change nothing more that a dead process could not have. Its later writes to its own state directory go to
 * the original, which the next aggregator does not use.
 *
 * <p>The crash is either {@link Moment#BEFORE} the triggering call (it is not made) or {@link Moment#AFTER} it
 * (it is made, succeeds, and the caller never learns it did).
 */
final class CrashingStore implements ObjectStore {
  enum Moment { BEFORE, AFTER }

  /** One call to the store as the aggregator makes it. */
  record Call(String operation, String key, byte[] content) {
    boolean isLogFilePut() {
      return operation.equals("put") && key.contains("/CloudTrail/");
    }

    boolean isDigestPut() {
      return operation.equals("put") && key.contains("/CloudTrail-Digest/");
    }

    boolean isList() {
      return operation.equals("list");
    }

    /** A digest that lists at least one log file (its gzipped JSON names an s3Object). */
    boolean isDigestListingFiles() {
      return isDigestPut() && new String(DeliveredFiles.gunzip(content), java.nio.charset.StandardCharsets.UTF_8)
          .contains("\"s3Object\"");
    }
  }

  /** The {@code n}th call (1-based) that {@code kind} matches. */
  static Predicate<Call> nth(int n, Predicate<Call> kind) {
    AtomicInteger seen = new AtomicInteger();
    return c -> kind.test(c) && seen.incrementAndGet() == n;
  }

  private final InMemoryStore objects;
  private final Path stateDir;
  private final Path afterCrash;
  /** Calls hold it shared; the crash takes it exclusively, so no call is half-way when the disk is copied. */
  private final ReentrantReadWriteLock calls = new ReentrantReadWriteLock();
  private final CompletableFuture<Path> crashed = new CompletableFuture<>();
  private volatile boolean halted;
  private Predicate<Call> trigger;
  private Moment moment;
  private volatile Call fired;

  /**
   * @param objects the store's content (shared by every aggregator of a test, as a real bucket is)
   * @param stateDir the state directory of the aggregator using this store
   * @param afterCrash where the crash leaves a copy of it
   */
  CrashingStore(InMemoryStore objects, Path stateDir, Path afterCrash) {
    this.objects = objects;
    this.stateDir = stateDir;
    this.afterCrash = afterCrash;
  }

  /** Crash at the first call {@code trigger} accepts (a stateful predicate such as {@link #nth} is fine). */
  synchronized CrashingStore crashOn(Predicate<Call> trigger, Moment moment) {
    this.trigger = trigger;
    this.moment = moment;
    return this;
  }

  /** Crash now, whatever the aggregator is doing. */
  void crashNow() {
    crash();
  }

  /** Completes with the copied state directory once the crash happened. */
  CompletableFuture<Path> crashed() {
    return crashed;
  }

  boolean hasCrashed() {
    return halted;
  }

  /** The call that triggered the crash; null for {@link #crashNow()} or before the crash. */
  Call crashedAt() {
    return fired;
  }

  @Override
  public void put(PutObject object) throws StoreException {
    Call call = new Call("put", object.key(), object.content());
    Moment fire = fires(call);
    if (fire == Moment.BEFORE) {
      crash();
    }
    call(call, () -> {
      objects.put(object);
      return null;
    });
    if (fire == Moment.AFTER) {
      crash();
      throw dead(call);
    }
  }

  @Override
  public Optional<StoredObject> get(String key) throws StoreException {
    Call call = new Call("get", key, null);
    Moment fire = fires(call);
    if (fire == Moment.BEFORE) {
      crash();
    }
    Optional<StoredObject> result = call(call, () -> objects.get(key));
    if (fire == Moment.AFTER) {
      crash();
      throw dead(call);
    }
    return result;
  }

  @Override
  public List<ObjectInfo> list(String prefix) throws StoreException {
    Call call = new Call("list", prefix, null);
    Moment fire = fires(call);
    if (fire == Moment.BEFORE) {
      crash();
    }
    List<ObjectInfo> result = call(call, () -> objects.list(prefix));
    if (fire == Moment.AFTER) {
      crash();
      throw dead(call);
    }
    return result;
  }

  @Override
  public String bucket() {
    return objects.bucket();
  }

  @Override
  public String describe() {
    return "crash-simulating " + objects.describe();
  }

  @Override
  public void close() {}

  private interface StoreCall<T> {
    T run() throws StoreException;
  }

  private <T> T call(Call call, StoreCall<T> body) throws StoreException {
    calls.readLock().lock();
    try {
      if (halted) {
        throw dead(call);
      }
      return body.run();
    } finally {
      calls.readLock().unlock();
    }
  }

  private synchronized Moment fires(Call call) {
    if (halted || trigger == null || !trigger.test(call)) {
      return null;
    }
    trigger = null;
    fired = call;
    return moment;
  }

  private void crash() {
    calls.writeLock().lock();
    try {
      if (halted) {
        return;
      }
      halted = true;
    } finally {
      calls.writeLock().unlock();
    }
    try {
      copy(stateDir, afterCrash);
    } catch (IOException e) {
      crashed.completeExceptionally(e);
      throw new UncheckedIOException(e);
    }
    crashed.complete(afterCrash);
  }

  private static StoreException dead(Call call) {
    return new StoreException("simulated crash: the aggregator process is gone (" + call.operation() + " "
        + call.key() + ")");
  }

  /** Copies a directory tree file by file; files replaced meanwhile (atomic writes' temporaries) are skipped. */
  private static void copy(Path from, Path to) throws IOException {
    Files.createDirectories(to);
    List<Path> paths;
    try (Stream<Path> walk = Files.walk(from)) {
      paths = walk.toList();
    }
    for (Path p : paths) {
      Path target = to.resolve(from.relativize(p).toString());
      try {
        if (Files.isDirectory(p)) {
          Files.createDirectories(target);
        } else {
          Files.copy(p, target, StandardCopyOption.REPLACE_EXISTING);
        }
      } catch (NoSuchFileException gone) {
        // renamed or deleted while we copied: a crash at this instant would not have it either
      }
    }
  }
}
