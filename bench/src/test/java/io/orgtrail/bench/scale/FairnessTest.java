package io.orgtrail.bench.scale;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class FairnessTest {
  @Test
  void equalStreamsArePerfectlyFair() {
    Fairness f = Fairness.of(new long[] {500, 500, 500, 500});

    assertThat(f.streams()).isEqualTo(4);
    assertThat(f.total()).isEqualTo(2000);
    assertThat(f.fairShare()).isEqualTo(500.0);
    assertThat(f.minShare()).isEqualTo(1.0);
    assertThat(f.maxShare()).isEqualTo(1.0);
    assertThat(f.slowestToFastest()).isEqualTo(1.0);
    assertThat(f.jainIndex()).isCloseTo(1.0, within(1e-12));
    assertThat(f.starved()).isZero();
  }

  @Test
  void unevenStreamsShowTheirSharesAndJainsIndex() {
    // 100, 200, 300, 400: total 1000, fair share 250, sum of squares 300,000.
    Fairness f = Fairness.of(new long[] {400, 100, 300, 200});

    assertThat(f.min()).isEqualTo(100);
    assertThat(f.max()).isEqualTo(400);
    assertThat(f.median()).as("nearest rank: the 2nd of 4").isEqualTo(200);
    assertThat(f.minShare()).isCloseTo(0.4, within(1e-12));
    assertThat(f.maxShare()).isCloseTo(1.6, within(1e-12));
    assertThat(f.slowestToFastest()).isCloseTo(0.25, within(1e-12));
    assertThat(f.jainIndex()).isCloseTo(1000.0 * 1000 / (4 * 300_000.0), within(1e-12));
  }

  @Test
  void oneStreamTakingEverythingHasJainIndexOneOverN() {
    Fairness f = Fairness.of(new long[] {0, 0, 0, 0, 1000});

    assertThat(f.jainIndex()).isCloseTo(1.0 / 5, within(1e-12));
    assertThat(f.starved()).isEqualTo(4);
    assertThat(f.minShare()).isZero();
    assertThat(f.maxShare()).isCloseTo(5.0, within(1e-12));
    assertThat(f.slowestToFastest()).isZero();
  }

  @Test
  void nothingAcknowledgedHasNoSharesButCountsEveryStreamAsStarved() {
    Fairness f = Fairness.of(new long[] {0, 0, 0});

    assertThat(f.total()).isZero();
    assertThat(f.minShare()).isNaN();
    assertThat(f.jainIndex()).isNaN();
    assertThat(f.slowestToFastest()).isNaN();
    assertThat(f.starved()).isEqualTo(3);
  }

  @Test
  void refusesNoStreamsAndNegativeCounts() {
    assertThatThrownBy(() -> Fairness.of(new long[0])).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Fairness.of(new long[] {5, -1})).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("-1");
  }

  @Test
  void doesNotChangeItsInput() {
    long[] acked = {3, 1, 2};
    Fairness.of(acked);
    assertThat(acked).containsExactly(3, 1, 2);
  }
}
