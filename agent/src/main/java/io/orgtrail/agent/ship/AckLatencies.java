package io.orgtrail.agent.ship;

import java.util.Arrays;

/**
 * The most recent acknowledgement latencies (from a batch entering the spool, when its sources were told their
 * events were accepted, to the aggregator's acknowledgement), for percentiles over a sliding window.
 */
public final class AckLatencies {
  private final long[] window;
  private int next; // guarded by this
  private int size; // guarded by this

  public AckLatencies(int windowSize) {
    this.window = new long[windowSize];
  }

  public synchronized void add(long millis) {
    window[next] = Math.max(0, millis);
    next = (next + 1) % window.length;
    size = Math.min(size + 1, window.length);
  }

  /** The {@code p}-th percentile (0 to 100) of the window, nearest-rank; 0 when nothing was measured yet. */
  public long percentile(double p) {
    long[] copy;
    synchronized (this) {
      copy = Arrays.copyOf(window, size);
    }
    if (copy.length == 0) {
      return 0;
    }
    Arrays.sort(copy);
    int rank = (int) Math.ceil(p / 100.0 * copy.length);
    return copy[Math.max(0, Math.min(copy.length - 1, rank - 1))];
  }
}
