package io.orgtrail.bench.scale;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class StreamPlanTest {
  private static final Duration SECOND = Duration.ofSeconds(1);

  @Test
  void aFixedRateStreamSealsEveryBatchDelayOrWhenAFullBatchTakesLess() {
    assertThat(new StreamPlan(20, 100, SECOND, 4).tick()).isEqualTo(SECOND);
    assertThat(new StreamPlan(1000, 100, SECOND, 4).tick()).isEqualTo(Duration.ofMillis(100));
    assertThat(new StreamPlan(1_000_000, 100, SECOND, 4).tick()).as("at least 10 ms").isEqualTo(Duration.ofMillis(10));
  }

  @Test
  void theAutomaticWindowIsTwoWhenSaturatedAndCoversARollIntervalPlusTwoSecondsAtAFixedRate() {
    StreamPlan saturated = new StreamPlan(Double.POSITIVE_INFINITY, 100, SECOND, 1);
    assertThat(saturated.saturated()).isTrue();
    assertThat(ScaleBench.autoWindow(saturated, SECOND)).isEqualTo(2);

    StreamPlan everySecond = new StreamPlan(20, 100, SECOND, 1);
    assertThat(ScaleBench.autoWindow(everySecond, SECOND)).as("3 s of batches, plus one").isEqualTo(4);
    assertThat(ScaleBench.autoWindow(everySecond, Duration.ofSeconds(5))).isEqualTo(8);

    StreamPlan tenPerSecond = new StreamPlan(1000, 100, SECOND, 1);
    assertThat(ScaleBench.autoWindow(tenPerSecond, SECOND)).isEqualTo(31);
  }

  @Test
  void refusesPlansThatCannotRun() {
    assertThatThrownBy(() -> new StreamPlan(0, 100, SECOND, 2)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new StreamPlan(10, EventIds.MAX_BATCH_EVENTS + 1, SECOND, 2))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new StreamPlan(10, 100, SECOND, 0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new StreamPlan(10, 100, Duration.ZERO, 2)).isInstanceOf(IllegalArgumentException.class);
  }
}
