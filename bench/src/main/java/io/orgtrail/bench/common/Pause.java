package io.orgtrail.bench.common;

import java.time.Duration;

/** The polling pause of the benchmarks' wait loops. */
public final class Pause {
  private Pause() {}

  /**
   * Sleeps {@code d}. An interrupt ends the run (as an unchecked exception, with the flag kept): the loops that
   * poll have no use for a half-finished wait.
   */
  public static void sleep(Duration d) {
    try {
      Thread.sleep(d.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }
}
