package io.orgtrail.bench.scale;

import java.time.Duration;

/**
 * How every simulated agent sends.
 *
 * @param eventsPerSecond events each stream makes per second; {@code +Infinity}: saturated, a stream seals a full
 *     batch whenever its in-flight window has room
 * @param batchSize events per batch at most (a saturated stream's batches are all this size)
 * @param batchDelay at a fixed rate, how long a stream collects events before it seals them into a batch (the agent's
 *     {@code maxBatchDelay}); a batch is sealed earlier when it reaches {@code batchSize}
 * @param window batches a stream has sent and not had acknowledged at most; more waits (the backlog)
 */
record StreamPlan(double eventsPerSecond, int batchSize, Duration batchDelay, int window) {
  StreamPlan {
    if (!(eventsPerSecond > 0)) {
      throw new IllegalArgumentException("events per second must be above 0 (or infinite: saturated), not "
          + eventsPerSecond);
    }
    if (batchSize < 1 || batchSize > EventIds.MAX_BATCH_EVENTS) {
      throw new IllegalArgumentException("batch size must be 1 to " + EventIds.MAX_BATCH_EVENTS + ", not " + batchSize);
    }
    if (window < 1) {
      throw new IllegalArgumentException("the in-flight window must be at least 1 batch, not " + window);
    }
    if (batchDelay.isNegative() || batchDelay.isZero()) {
      throw new IllegalArgumentException("the batch delay must be above 0, not " + batchDelay);
    }
  }

  boolean saturated() {
    return Double.isInfinite(eventsPerSecond);
  }

  /**
   * How often a fixed-rate stream seals what it collected: every batch delay, or sooner when a full batch takes
   * less time to collect; at least every 10 ms.
   */
  Duration tick() {
    double fullBatchSeconds = batchSize / eventsPerSecond;
    long millis = (long) Math.floor(Math.min(batchDelay.toMillis(), fullBatchSeconds * 1000));
    return Duration.ofMillis(Math.max(10, millis));
  }
}
