package io.orgtrail.aggregator.ingest;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Bounds the event bytes held in memory. Each stream asks gRPC for one message at a time; after a message, the
 * stream asks for the next only while the buffer is under its limit, otherwise it parks here until written files
 * free enough memory. An agent whose aggregator cannot write is therefore slowed by HTTP/2 flow control, never
 * failed, and no thread waits: a parked stream is simply not asked for its next message.
 */
final class FlowGate {
  private final long maxBufferedBytes;
  private final Clock clock;
  private final AtomicLong buffered = new AtomicLong();
  private final ArrayDeque<IngestStream> parked = new ArrayDeque<>();
  private volatile boolean closed;
  /** When the first of the currently parked streams parked, in clock millis; -1 when none is parked. */
  private long pausedSince = -1;
  private long pausedMillis;

  FlowGate(long maxBufferedBytes, Clock clock) {
    this.maxBufferedBytes = maxBufferedBytes;
    this.clock = clock;
  }

  void add(long bytes) {
    buffered.addAndGet(bytes);
  }

  void release(long bytes) {
    if (buffered.addAndGet(-bytes) < maxBufferedBytes) {
      resumeParked();
    }
  }

  boolean overBudget() {
    return buffered.get() >= maxBufferedBytes;
  }

  long bufferedBytes() {
    return buffered.get();
  }

  long maxBufferedBytes() {
    return maxBufferedBytes;
  }

  /** Called after a stream's message was handled: lets the next one in now, or parks the stream. */
  void messageDone(IngestStream stream) {
    if (closed) {
      return;
    }
    if (!overBudget()) {
      stream.requestNext();
      return;
    }
    synchronized (this) {
      if (parked.isEmpty()) {
        pausedSince = clock.millis();
      }
      parked.add(stream);
    }
    // Memory may have been freed between the check and parking; without this re-check the stream could wait for
    // a release that already happened.
    if (!overBudget()) {
      resumeParked();
    }
  }

  synchronized int parkedStreams() {
    return parked.size();
  }

  /** How long, in all, streams were kept waiting because the buffer was full (pushback), including now. */
  synchronized Duration pushbackTime() {
    return Duration.ofMillis(pausedMillis + (pausedSince < 0 ? 0 : Math.max(0, clock.millis() - pausedSince)));
  }

  /** No stream is let in again (shutdown). */
  void close() {
    closed = true;
    synchronized (this) {
      parked.clear();
      endPause();
    }
  }

  private void resumeParked() {
    List<IngestStream> resume = new ArrayList<>();
    synchronized (this) {
      while (!closed && !overBudget() && !parked.isEmpty()) {
        resume.add(parked.poll());
      }
      if (parked.isEmpty()) {
        endPause();
      }
    }
    // Outside the lock: requesting a message calls into gRPC.
    resume.forEach(IngestStream::requestNext);
  }

  private void endPause() {
    if (pausedSince >= 0) {
      pausedMillis += Math.max(0, clock.millis() - pausedSince);
      pausedSince = -1;
    }
  }
}
