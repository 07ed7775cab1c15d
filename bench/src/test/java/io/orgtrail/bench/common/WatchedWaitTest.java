package io.orgtrail.bench.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class WatchedWaitTest {
  private final StringWriter said = new StringWriter();
  private final Progress progress = new Progress(new PrintWriter(said, true), "[test] ");

  @Test
  void untilReturnsOnceTheConditionHoldsCheckingTheProcessesMeanwhile() throws Exception {
    AtomicInteger polls = new AtomicInteger();
    AtomicInteger checks = new AtomicInteger();
    WatchedWait wait = new WatchedWait(checks::incrementAndGet, progress);

    wait.until(() -> polls.incrementAndGet() >= 3, Duration.ofSeconds(10), () -> "never");

    assertThat(polls).hasValue(3);
    assertThat(checks).as("one liveness check per unmet poll").hasValue(2);
  }

  @Test
  void untilFailsWithTheCallersMessageAfterTheTimeout() {
    WatchedWait wait = new WatchedWait(() -> {}, progress);

    assertThatThrownBy(() -> wait.until(() -> false, Duration.ofMillis(120), () -> "nothing came"))
        .isInstanceOf(BenchFailure.class).hasMessage("nothing came");
  }

  @Test
  void aDeadProcessEndsEitherWaitAtOnce() {
    WatchedWait wait = new WatchedWait(() -> {
      throw new BenchFailure("agent-1 exited with code 137");
    }, progress);
    long start = System.nanoTime();

    assertThatThrownBy(() -> wait.waitOut(start, Duration.ofMinutes(5), elapsed -> "running"))
        .hasMessage("agent-1 exited with code 137");
    assertThatThrownBy(() -> wait.until(() -> false, Duration.ofMinutes(5), () -> "never"))
        .hasMessage("agent-1 exited with code 137");
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMinutes(1));
  }

  @Test
  void waitOutLastsTheWholeLengthAndReportsProgressWithThePrefix() throws Exception {
    // Started 6 s "ago": the first progress line (due 5 s after the start) comes at once, and 300 ms are left.
    long start = System.nanoTime() - Duration.ofMillis(5_700).toNanos();
    WatchedWait wait = new WatchedWait(() -> {}, progress);

    wait.waitOut(start, Duration.ofSeconds(6), elapsed -> "warming up " + elapsed + " s");

    assertThat(System.nanoTime() - start).isGreaterThanOrEqualTo(Duration.ofSeconds(6).toNanos());
    assertThat(said.toString()).isEqualTo("[test] warming up 5 s" + System.lineSeparator());
  }
}
