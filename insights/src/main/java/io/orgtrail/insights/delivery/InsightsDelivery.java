package io.orgtrail.insights.delivery;

import io.orgtrail.format.layout.TrailLayout;
import io.orgtrail.format.layout.UniqueNames;
import io.orgtrail.format.logfile.LogFile;
import io.orgtrail.format.logfile.LogFileAssembler;
import io.orgtrail.insights.InsightEvent;
import io.orgtrail.insights.InsightsDetector;
import io.orgtrail.store.ObjectStore;
import io.orgtrail.store.PutObject;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * CloudTrail Insights for a trail: every delivered event goes to the {@link InsightsDetector}; once a minute the
 * Insights events that start or end are written as log files under
 * {@code AWSLogs/<org>/<account>/CloudTrail-Insight/<region>/...} (one file per account and region and minute, in
 * CloudTrail's log file format) and handed to {@code delivered} (notifications and rules, as for log files).
 *
 * <p>A file the store refuses is kept and tried again at the next tick; the detector's state (baselines, open
 * insights) is saved after every tick and at close, so a restart neither forgets a baseline nor leaves an insight
 * without its end. Insights events that were detected but not yet written when the process dies are lost: unlike
 * log files they are derived, not received, and CloudTrail delivers them on a best-effort basis too.
 */
public final class InsightsDelivery implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(InsightsDelivery.class);

  /** Told of each Insights file once it is in the store, with its records' exact bytes. */
  @FunctionalInterface
  public interface Delivered {
    void delivered(String key, List<byte[]> records);
  }

  private record Pending(String key, LogFile content, List<byte[]> records) {}

  private final InsightsDetector detector;
  private final ObjectStore store;
  private final TrailLayout layout;
  private final UniqueNames uniqueNames;
  private final Clock clock;
  private final Path stateFile;
  private final Delivered delivered;
  private final List<Pending> pending = new ArrayList<>();
  private ScheduledExecutorService ticker;
  private long filesWritten;

  public InsightsDelivery(InsightsDetector detector, ObjectStore store, TrailLayout layout, Clock clock,
      RandomGenerator random, Path stateFile, Delivered delivered) {
    this.detector = detector;
    this.store = store;
    this.layout = layout;
    this.uniqueNames = new UniqueNames(random);
    this.clock = clock;
    this.stateFile = stateFile;
    this.delivered = delivered;
  }

  /** Loads the saved state and ticks every {@code interval} (a minute in production) on a thread of its own. */
  public synchronized void start(Duration interval) {
    detector.load(stateFile);
    ticker = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "orgtrail-insights");
      t.setDaemon(true);
      return t;
    });
    ticker.scheduleWithFixedDelay(this::tickSafely, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** Counts the records of a delivered log file (only log files: never Insights or digest files). */
  public void observe(List<byte[]> records) {
    for (byte[] r : records) {
      detector.observe(r);
    }
  }

  private void tickSafely() {
    try {
      tick();
    } catch (RuntimeException e) { // a periodic task that throws is never run again
      log.warn("insights: the minute's evaluation failed, tried again next minute: {}", e.toString());
    }
  }

  /** Evaluates the minutes that ended, writes the Insights events that started or ended, saves the state. */
  public synchronized void tick() {
    Instant now = clock.instant();
    Map<String, List<InsightEvent>> byFile = new LinkedHashMap<>();
    for (InsightEvent e : detector.tick(now)) {
      byFile.computeIfAbsent(e.recipientAccountId() + "\n" + e.awsRegion(), k -> new ArrayList<>()).add(e);
    }
    for (List<InsightEvent> events : byFile.values()) {
      InsightEvent first = events.get(0);
      LogFileAssembler assembler = new LogFileAssembler();
      List<byte[]> records = new ArrayList<>();
      for (InsightEvent e : events) {
        byte[] json = e.json();
        records.add(json);
        assembler.add(json, e.eventTime());
      }
      String key = layout.insightFileKey(first.recipientAccountId(), first.awsRegion(), now, uniqueNames.next());
      pending.add(new Pending(key, assembler.finish(), records));
      events.forEach(e -> log.info("insight {} {}: {} {} {} in account {} region {} (baseline {}/min, now {}/min)",
          e.insightType().wireName(), e.state(), e.eventSource(), e.eventName(),
          e.errorCode() == null ? "" : e.errorCode(), e.recipientAccountId(), e.awsRegion(),
          String.format(java.util.Locale.ROOT, "%.2f", e.baselineAverage()),
          String.format(java.util.Locale.ROOT, "%.2f", e.insightAverage())));
    }
    writePending();
    try {
      detector.save(stateFile);
    } catch (IOException e) {
      log.warn("insights: the detector's state could not be saved to {} (saved again next minute): {}", stateFile,
          e.toString());
    }
  }

  private void writePending() {
    for (var it = pending.iterator(); it.hasNext(); ) {
      Pending p = it.next();
      try {
        store.put(PutObject.gzipJson(p.key(), p.content().gzipped()));
      } catch (Exception e) {
        log.warn("insights: writing {} failed, tried again next minute: {}", p.key(), e.toString());
        return;
      }
      it.remove();
      filesWritten++;
      try {
        delivered.delivered(p.key(), p.records());
      } catch (RuntimeException e) {
        log.warn("insights: {} was written but not announced: {}", p.key(), e.toString());
      }
    }
  }

  /** Insights files written so far. */
  public synchronized long filesWritten() {
    return filesWritten;
  }

  /** Stops ticking and saves the detector's state (what is pending is written by a last attempt). */
  @Override
  public synchronized void close() {
    if (ticker != null) {
      ticker.shutdownNow();
    }
    writePending();
    try {
      detector.save(stateFile);
    } catch (IOException e) {
      log.warn("insights: the detector's state could not be saved to {}: {}", stateFile, e.toString());
    }
  }
}
