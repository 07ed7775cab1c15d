package io.orgtrail.agent.ship;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * Waits between reconnect attempts: {@code initial}, doubling up to {@code max}, each shortened by up to half at
 * random so that agents cut off together do not come back together.
 */
public final class Backoff {
  private final long initialNanos;
  private final long maxNanos;
  private final RandomGenerator random;
  private long currentNanos; // guarded by this

  public Backoff(Duration initial, Duration max, RandomGenerator random) {
    this.initialNanos = initial.toNanos();
    this.maxNanos = max.toNanos();
    this.random = random;
    this.currentNanos = initialNanos;
  }

  public synchronized Duration next() {
    long base = currentNanos;
    currentNanos = Math.min(maxNanos, currentNanos * 2);
    double factor;
    synchronized (random) {
      factor = 0.5 + 0.5 * random.nextDouble();
    }
    return Duration.ofNanos((long) (base * factor));
  }

  public synchronized void reset() {
    currentNanos = initialNanos;
  }

  public Duration max() {
    return Duration.ofNanos(maxNanos);
  }
}
