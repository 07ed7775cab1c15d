package io.orgtrail.testkit;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** Waits for a condition by polling it, instead of sleeping for a guessed time. */
public final class Await {
  /** How often the condition is checked. */
  public static final Duration POLL_INTERVAL = Duration.ofMillis(20);

  private Await() {}

  /**
   * Polls {@code condition} every 20 ms until it is true.
   *
   * @param whatWeWaitedFor describes the condition (evaluated only on timeout, so it may report current state)
   * @throws AssertionError when {@code timeout} passes first, naming {@code whatWeWaitedFor}
   */
  public static void until(Duration timeout, BooleanSupplier condition, Supplier<String> whatWeWaitedFor) {
    until(timeout, POLL_INTERVAL, condition, whatWeWaitedFor);
  }

  /**
   * Polls {@code condition} every {@code interval} until it is true: for conditions that are costly to check
   * (a request to a server) and take minutes to come true.
   */
  public static void until(Duration timeout, Duration interval, BooleanSupplier condition,
      Supplier<String> whatWeWaitedFor) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() - deadline >= 0) {
        throw new AssertionError("timed out after " + timeout.toMillis() + " ms waiting for: " + whatWeWaitedFor.get());
      }
      try {
        TimeUnit.NANOSECONDS.sleep(interval.toNanos());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted while waiting for: " + whatWeWaitedFor.get(), e);
      }
    }
  }

  /** As {@link #until(Duration, BooleanSupplier, Supplier)} with a 20 s timeout. */
  public static void until(BooleanSupplier condition, Supplier<String> whatWeWaitedFor) {
    until(Duration.ofSeconds(20), condition, whatWeWaitedFor);
  }
}
