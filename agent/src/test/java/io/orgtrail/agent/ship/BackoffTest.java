package io.orgtrail.agent.ship;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class BackoffTest {
  @Test
  void doublesFromInitialToMaxWithJitterOfUpToHalf() {
    Backoff b = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(10), new SplittableRandom(1));
    long[] bases = {100, 200, 400, 800, 1600, 3200, 6400, 10_000, 10_000, 10_000};
    for (long base : bases) {
      long wait = b.next().toMillis();
      assertThat(wait).isBetween(base / 2, base);
    }
    b.reset();
    assertThat(b.next().toMillis()).isBetween(50L, 100L);
  }

  @Test
  void jitterComesFromTheInjectedRandom() {
    List<Duration> first = new ArrayList<>();
    List<Duration> second = new ArrayList<>();
    Backoff a = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(10), new SplittableRandom(42));
    Backoff b = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(10), new SplittableRandom(42));
    for (int i = 0; i < 5; i++) {
      first.add(a.next());
      second.add(b.next());
    }
    assertThat(first).isEqualTo(second);
    assertThat(first).doesNotHaveDuplicates();
  }
}
