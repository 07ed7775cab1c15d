package io.orgtrail.aggregator.ingest;

import io.orgtrail.aggregator.guard.WriteGuard;
import io.orgtrail.format.layout.TrailLayout;
import io.orgtrail.format.layout.UniqueNames;
import io.orgtrail.format.logfile.LogFile;
import io.orgtrail.store.ObjectStore;
import io.orgtrail.store.PutObject;
import java.time.Clock;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes sealed files to the store on the writer threads: assembles the gzip file from the events' exact bytes,
 * names it by {@link TrailLayout}, checks the key once more, and puts it, retrying with exponential backoff (up to
 * 10 s apart) for as long as the store fails. The key is chosen once, so a retry after a put whose answer was lost
 * replaces the same object instead of adding a second copy. Before the first attempt the file is journaled with
 * the events it holds ({@link DeliveryRecorder#putting}), so that after a crash at any point from there on, the
 * store tells whether those events are durable.
 */
final class LogFileWriter {
  private static final Logger log = LoggerFactory.getLogger(LogFileWriter.class);
  static final long FIRST_RETRY_MILLIS = 100;
  static final long MAX_RETRY_MILLIS = 10_000;

  interface Listener {
    /** The file is durable in the store (the listener tells the recorder once it has recorded that). */
    void written(OpenFile file, String key, LogFile content);

    /** The file will never be written (its key failed the guard, or it could not be assembled). */
    void refused(OpenFile file);

    /** The writer stopped (shutdown) before the file was written. */
    void abandoned(OpenFile file);
  }

  private final ObjectStore store;
  private final WriteGuard guard;
  private final TrailLayout layout;
  private final int compressionLevel;
  private final UniqueNames uniqueNames;
  private final Clock clock;
  private final ScheduledExecutorService executor;
  private final IngestCounters counters;
  private final DeliveryRecorder recorder;
  private final Listener listener;
  private final IngestTimings timings;

  LogFileWriter(
      ObjectStore store,
      WriteGuard guard,
      TrailLayout layout,
      int compressionLevel,
      UniqueNames uniqueNames,
      Clock clock,
      ScheduledExecutorService executor,
      IngestCounters counters,
      DeliveryRecorder recorder,
      Listener listener,
      IngestTimings timings) {
    this.store = store;
    this.guard = guard;
    this.layout = layout;
    this.compressionLevel = compressionLevel;
    this.uniqueNames = uniqueNames;
    this.clock = clock;
    this.executor = executor;
    this.counters = counters;
    this.recorder = recorder;
    this.listener = listener;
    this.timings = timings;
  }

  void submit(OpenFile file) {
    Delivery d = new Delivery(file);
    try {
      executor.execute(() -> attempt(d));
    } catch (RejectedExecutionException e) {
      listener.abandoned(file);
    }
  }

  private static final class Delivery {
    final OpenFile file;
    LogFile content;
    String key;
    boolean recorded;
    int failures;

    Delivery(OpenFile file) {
      this.file = file;
    }
  }

  private void attempt(Delivery d) {
    if (d.key == null) {
      try {
        d.content = d.file.assemble(compressionLevel);
        d.key = keyFor(d.file.route());
      } catch (RuntimeException e) {
        counters.filesRefused.increment();
        log.error("BUG: a log file for account {} region {} ({} events) is not written and its batches will not "
            + "be acknowledged: {}", d.file.route().account(), d.file.route().region(), d.file.recordCount(),
            e.toString(), e);
        listener.refused(d.file);
        return;
      }
    }
    Route route = d.file.route();
    try {
      if (!d.recorded) {
        recorder.putting(route.account(), route.region(), d.key, d.content, d.file.holds());
        d.recorded = true;
      }
      long started = System.nanoTime();
      store.put(PutObject.gzipJson(d.key, d.content.gzipped()));
      timings.filePut(System.nanoTime() - started);
      counters.storeSucceeded();
    } catch (Exception e) { // StoreException, IOException from the journal, anything unchecked from a store
      counters.storeFailed(e.getMessage() == null ? e.toString() : e.getMessage());
      d.failures++;
      long delay = Math.min(MAX_RETRY_MILLIS, FIRST_RETRY_MILLIS << Math.min(d.failures - 1, 20));
      log.warn("{} {} ({} events) to {} failed (attempt {}), retrying in {} ms; its batches are not "
          + "acknowledged until it is written: {}", d.recorded ? "writing" : "journaling", d.key,
          d.file.recordCount(), store.describe(), d.failures, delay, e.getMessage());
      try {
        executor.schedule(() -> attempt(d), delay, TimeUnit.MILLISECONDS);
      } catch (RejectedExecutionException stopped) {
        listener.abandoned(d.file);
      }
      return;
    }
    listener.written(d.file, d.key, d.content);
  }

  private String keyFor(Route route) {
    String unique;
    synchronized (uniqueNames) { // the injected RandomGenerator need not be thread-safe
      unique = uniqueNames.next();
    }
    String key = layout.logFileKey(route.account(), route.region(), clock.instant(), unique);
    // The layout validates every segment, so neither check can fail unless that validation is broken: the last
    // line of defence against ever writing outside the account's own prefix, or into another region's chain.
    guard.check(route.account(), key);
    if (!key.startsWith(layout.logFilePrefix(route.account(), route.region()))) {
      throw new IllegalStateException("key '" + key + "' is outside the log file prefix of account "
          + route.account() + " and region " + route.region() + "; refusing to write it");
    }
    return key;
  }
}
