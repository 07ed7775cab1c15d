package io.orgtrail.bench.common;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.LongFunction;
import java.util.function.Supplier;

/**
 * Waiting out a warm-up or a measurement window while the processes run: a process that dies ends the wait at once
 * (the figures would be wrong), and the person waiting hears how it goes every few seconds.
 */
public final class WatchedWait {
  private static final Duration TICK = Duration.ofSeconds(1);
  private static final Duration POLL = Duration.ofMillis(50);
  /** How often a wait says how it goes. */
  public static final Duration PROGRESS_EVERY = Duration.ofSeconds(5);

  private final Liveness processes;
  private final Progress progress;

  public WatchedWait(Liveness processes, Progress progress) {
    this.processes = processes;
    this.progress = progress;
  }

  /**
   * Waits {@code length} from {@code startNanos} ({@link System#nanoTime()}), checking every second that every
   * process lives; every 5 s says {@code status} of the seconds gone.
   */
  public void waitOut(long startNanos, Duration length, LongFunction<String> status) throws BenchFailure {
    long end = startNanos + length.toNanos();
    long nextProgress = startNanos + PROGRESS_EVERY.toNanos();
    while (System.nanoTime() - end < 0) {
      processes.requireAllAlive();
      long now = System.nanoTime();
      if (now - nextProgress >= 0) {
        progress.say(status.apply((now - startNanos) / 1_000_000_000L));
        nextProgress += PROGRESS_EVERY.toNanos();
      }
      long left = end - System.nanoTime();
      if (left > 0) {
        Pause.sleep(Duration.ofNanos(Math.min(TICK.toNanos(), left)));
      }
    }
    processes.requireAllAlive();
  }

  /**
   * Returns once {@code done}, polling every 50 ms and checking that every process lives; fails with
   * {@code notDone}'s message when {@code timeout} passes first.
   */
  public void until(BooleanSupplier done, Duration timeout, Supplier<String> notDone) throws BenchFailure {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!done.getAsBoolean()) {
      processes.requireAllAlive();
      if (System.nanoTime() - deadline > 0) {
        throw new BenchFailure(notDone.get());
      }
      Pause.sleep(POLL);
    }
  }
}
