package io.orgtrail.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class AwaitTest {

  @Test
  void returnsOnceTheConditionHolds() {
    AtomicInteger polls = new AtomicInteger();

    Await.until(Duration.ofSeconds(5), () -> polls.incrementAndGet() >= 3, () -> "three polls");

    assertThat(polls).hasValue(3);
  }

  @Test
  void seesAChangeMadeByAnotherThread() throws Exception {
    CountDownLatch released = new CountDownLatch(1);
    CompletableFuture<Void> waiter = CompletableFuture.runAsync(
        () -> Await.until(Duration.ofSeconds(10), () -> released.getCount() == 0, () -> "the latch"));

    released.countDown();

    waiter.get();
    assertThat(waiter).isCompleted();
  }

  @Test
  void failsWithTheDescriptionOnTimeout() {
    AtomicInteger polls = new AtomicInteger();

    assertThatThrownBy(() -> Await.until(Duration.ofMillis(100), () -> {
      polls.incrementAndGet();
      return false;
    }, () -> "the moon to turn blue (polled " + polls.get() + " times)"))
        .isInstanceOf(AssertionError.class)
        .hasMessageStartingWith("timed out after 100 ms waiting for: the moon to turn blue (polled ");
    assertThat(polls.get()).isGreaterThan(1);
  }
}
