package io.orgtrail.aggregator.ingest;

import io.orgtrail.proto.v1.EventRejection;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A batch received and not yet durable. It counts the log files holding its events plus one hold for the intake
 * that is still routing them, so it completes exactly when routing is over and every one of those files is
 * written. Each received copy of it (the first, and resends while it is in flight) leaves an {@link AckSink}.
 */
final class PendingBatch {
  private final String agentId;
  private final long sequence;
  private final AtomicInteger holds = new AtomicInteger(1);
  private final List<AckSink> sinks = new ArrayList<>(1);
  private volatile int eventsWritten;
  private volatile int eventsFiltered;
  private volatile List<EventRejection> rejections = List.of();
  private volatile boolean failed;
  private volatile boolean allDurableBefore;
  private final int eventCount;
  /** When it was taken in, for the arrival-to-acknowledgement latency (monotonic, not a point in time). */
  private final long arrivedNanos = System.nanoTime();

  PendingBatch(String agentId, long sequence, int eventCount) {
    this.agentId = agentId;
    this.sequence = sequence;
    this.eventCount = eventCount;
  }

  long arrivedNanos() {
    return arrivedNanos;
  }

  /** Every event in the batch as received, accepted or not. */
  int eventCount() {
    return eventCount;
  }

  /**
   * Every accepted event of it was already durable when it arrived (written before a restart by files the journal
   * named, found in the store): nothing is written, and it is answered DUPLICATE once its state is saved.
   */
  void allDurableBefore() {
    allDurableBefore = true;
  }

  boolean isAllDurableBefore() {
    return allDurableBefore;
  }

  String agentId() {
    return agentId;
  }

  long sequence() {
    return sequence;
  }

  /**
   * @param accepted events that passed the checks, including those already durable
   * @param filtered events the trail's event selectors left out
   */
  void screened(int accepted, List<EventRejection> rejected, int filtered) {
    this.eventsWritten = accepted;
    this.rejections = rejected;
    this.eventsFiltered = filtered;
  }

  int eventsFiltered() {
    return eventsFiltered;
  }

  int eventsWritten() {
    return eventsWritten;
  }

  List<EventRejection> rejections() {
    return rejections;
  }

  synchronized void addSink(AckSink sink) {
    sinks.add(sink);
  }

  synchronized List<AckSink> sinks() {
    return List.copyOf(sinks);
  }

  /** One more log file holds some of this batch's events. */
  void joinedFile() {
    holds.incrementAndGet();
  }

  /** A file holding its events was written, or routing finished; true when that was the last one. */
  boolean release() {
    return holds.decrementAndGet() == 0;
  }

  /** One of its files could not be written at all (a bug path): it must never be acknowledged as durable. */
  void fail() {
    failed = true;
  }

  boolean failed() {
    return failed;
  }
}
