package io.orgtrail.aggregator.ingest;

import io.orgtrail.proto.v1.BatchRejection;
import io.orgtrail.proto.v1.EventProblem;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/** The pipeline's running counts; read through {@code Aggregator.stats()}. */
public final class IngestCounters {
  final LongAdder batchesReceived = new LongAdder();
  final LongAdder batchesDurable = new LongAdder();
  final LongAdder duplicates = new LongAdder();
  final LongAdder duplicateEvents = new LongAdder();
  final LongAdder eventsSkippedAsDurable = new LongAdder();
  final LongAdder stateSaveFailures = new LongAdder();
  final AtomicLong batchesAwaitingRecovery = new AtomicLong();
  final LongAdder inFlightResends = new LongAdder();
  final LongAdder eventsWritten = new LongAdder();
  final LongAdder eventsFiltered = new LongAdder();
  final LongAdder filesWritten = new LongAdder();
  final LongAdder storeFailures = new LongAdder();
  final LongAdder filesRefused = new LongAdder();
  /** Store attempts (journal line and put) that failed since the last one that succeeded: readiness. */
  private final AtomicLong storeFailureStreak = new AtomicLong();
  private volatile String lastStoreFailure = "";
  private final EnumMap<BatchRejection, LongAdder> rejections = new EnumMap<>(BatchRejection.class);
  private final EnumMap<EventProblem, LongAdder> problems = new EnumMap<>(EventProblem.class);

  IngestCounters() {
    for (BatchRejection r : BatchRejection.values()) {
      rejections.put(r, new LongAdder());
    }
    for (EventProblem p : EventProblem.values()) {
      problems.put(p, new LongAdder());
    }
  }

  void storeSucceeded() {
    if (storeFailureStreak.get() != 0) {
      storeFailureStreak.set(0);
    }
  }

  void storeFailed(String why) {
    storeFailures.increment();
    lastStoreFailure = why;
    storeFailureStreak.incrementAndGet();
  }

  /** Failed store attempts since the last successful one (0 while the store answers). */
  public long storeFailureStreak() {
    return storeFailureStreak.get();
  }

  /** What the latest failed store attempt said (empty before any). */
  public String lastStoreFailure() {
    return lastStoreFailure;
  }

  /** Batches answered REJECTED for this reason. */
  public long batchesRejected(BatchRejection reason) {
    return rejections.get(reason).sum();
  }

  /** Events refused on their own for this problem. */
  public long eventsRejected(EventProblem problem) {
    return problems.get(problem).sum();
  }

  void rejected(BatchRejection r) {
    rejections.get(r).increment();
  }

  void eventRejected(EventProblem p) {
    problems.get(p).increment();
  }

  public long batchesReceived() {
    return batchesReceived.sum();
  }

  public long batchesDurable() {
    return batchesDurable.sum();
  }

  public long duplicates() {
    return duplicates.sum();
  }

  public long duplicateEvents() {
    return duplicateEvents.sum();
  }

  public long eventsSkippedAsDurable() {
    return eventsSkippedAsDurable.sum();
  }

  public long stateSaveFailures() {
    return stateSaveFailures.sum();
  }

  public long batchesAwaitingRecovery() {
    return batchesAwaitingRecovery.get();
  }

  public long inFlightResends() {
    return inFlightResends.sum();
  }

  public long eventsWritten() {
    return eventsWritten.sum();
  }

  /** Events the trail's event selectors did not select: acknowledged, not written. */
  public long eventsFiltered() {
    return eventsFiltered.sum();
  }

  public long filesWritten() {
    return filesWritten.sum();
  }

  public long storeFailures() {
    return storeFailures.sum();
  }

  public long filesRefused() {
    return filesRefused.sum();
  }

  /** Non-zero counts only. */
  public Map<BatchRejection, Long> batchRejections() {
    return nonZero(rejections);
  }

  /** Non-zero counts only. */
  public Map<EventProblem, Long> eventsRejected() {
    return nonZero(problems);
  }

  private static <E extends Enum<E>> Map<E, Long> nonZero(EnumMap<E, LongAdder> counts) {
    Map<E, Long> out = new LinkedHashMap<>();
    counts.forEach((k, v) -> {
      long n = v.sum();
      if (n != 0) {
        out.put(k, n);
      }
    });
    return Map.copyOf(out);
  }
}
