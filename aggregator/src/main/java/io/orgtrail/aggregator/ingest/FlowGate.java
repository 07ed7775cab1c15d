package io.orgtrail.aggregator.ingest;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Bounds the event bytes held in memory. Each stream asks gRPC for one message at a time; after a message, the
 * stream asks for the next only while the buffer is under its limit, otherwise it parks here until written files
 * free enough memory. An agent whose aggregator cannot write is therefore slowed by HTTP/2 flow control, never
 * failed.
 */
final class FlowGate {
  private final long maxBufferedBytes;
  private final AtomicLong buffered = new AtomicLong();
  private final ConcurrentLinkedQueue<IngestStream> parked = new ConcurrentLinkedQueue<>();
  private volatile boolean closed;

  FlowGate(long maxBufferedBytes) {
    this.maxBufferedBytes = maxBufferedBytes;
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
    parked.add(stream);
    // Memory may have been freed between the check and parking; without this re-check the stream could wait for
    // a release that already happened.
    if (!overBudget()) {
      resumeParked();
    }
  }

  int parkedStreams() {
    return parked.size();
  }

  /** No stream is let in again (shutdown). */
  void close() {
    closed = true;
    parked.clear();
  }

  private void resumeParked() {
    IngestStream s;
    while (!closed && !overBudget() && (s = parked.poll()) != null) {
      s.requestNext();
    }
  }
}
