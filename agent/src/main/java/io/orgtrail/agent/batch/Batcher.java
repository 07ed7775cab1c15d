package io.orgtrail.agent.batch;

import io.orgtrail.agent.spool.SourceMark;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Collects accepted records into batches. A batch closes when it holds {@code maxEvents} records, when the next
 * record would take it over {@code maxBytes} (a single record over the limit travels alone), or {@code maxDelay}
 * after its first record arrived, whichever comes first. Closed batches go to the {@link BatchSealer} in order.
 */
public final class Batcher {
  private final int maxEvents;
  private final int maxBytes;
  private final Duration maxDelay;
  private final ScheduledExecutorService scheduler;
  private final BatchSealer sealer;

  private Open open; // guarded by this
  private long generation; // guarded by this

  public Batcher(int maxEvents, int maxBytes, Duration maxDelay, ScheduledExecutorService scheduler, BatchSealer sealer) {
    this.maxEvents = maxEvents;
    this.maxBytes = maxBytes;
    this.maxDelay = maxDelay;
    this.scheduler = scheduler;
    this.sealer = sealer;
  }

  public void add(byte[] event, SettlementListener listener) {
    add(event, listener, null);
  }

  /**
   * Adds a record; {@code mark} (may be null) is the position its source reaches with it, kept with the batch so
   * that the batch and the source's progress reach the spool together.
   */
  public synchronized void add(byte[] event, SettlementListener listener, SourceMark mark) {
    if (open != null && open.bytes + event.length > maxBytes) {
      closeOpen();
    }
    if (open == null) {
      long gen = ++generation;
      open = new Open(gen);
      open.timer = scheduler.schedule(() -> timeUp(gen), maxDelay.toNanos(), TimeUnit.NANOSECONDS);
    }
    open.events.add(event);
    open.bytes += event.length;
    open.listeners.merge(listener, 1, Integer::sum);
    if (mark != null) {
      open.marks.merge(mark.key(), mark, SourceMark::through);
    }
    if (open.events.size() >= maxEvents || open.bytes >= maxBytes) {
      closeOpen();
    }
  }

  /** Closes the open batch now, if there is one. */
  public synchronized void flush() {
    if (open != null) {
      closeOpen();
    }
  }

  public synchronized int openEvents() {
    return open == null ? 0 : open.events.size();
  }

  private synchronized void timeUp(long gen) {
    if (open != null && open.generation == gen) {
      closeOpen();
    }
  }

  private void closeOpen() {
    open.timer.cancel(false);
    sealer.submit(new ClosedBatch(List.copyOf(open.events), open.bytes, Map.copyOf(open.listeners),
        List.copyOf(open.marks.values())));
    open = null;
  }

  private static final class Open {
    final long generation;
    final List<byte[]> events = new ArrayList<>();
    final Map<SettlementListener, Integer> listeners = new HashMap<>(4);
    final Map<String, SourceMark> marks = new LinkedHashMap<>(2);
    long bytes;
    ScheduledFuture<?> timer;

    Open(long generation) {
      this.generation = generation;
    }
  }
}
