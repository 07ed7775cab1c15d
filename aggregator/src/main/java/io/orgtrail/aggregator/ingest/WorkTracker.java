package io.orgtrail.aggregator.ingest;

import java.time.Duration;

/**
 * Counts units of work not yet finished (batches being taken in, files being written, completions being
 * acknowledged), so that shutdown can wait until everything received has been written and acknowledged.
 */
final class WorkTracker {
  private long outstanding;

  synchronized void begin() {
    outstanding++;
  }

  synchronized void end() {
    if (--outstanding == 0) {
      notifyAll();
    }
  }

  synchronized long outstanding() {
    return outstanding;
  }

  /** Waits until no work is outstanding; false when {@code timeout} passed first. */
  synchronized boolean awaitIdle(Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (outstanding > 0) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        return false;
      }
      wait(Math.max(1, left / 1_000_000));
    }
    return true;
  }
}
