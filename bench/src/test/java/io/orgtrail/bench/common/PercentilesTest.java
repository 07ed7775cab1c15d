package io.orgtrail.bench.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class PercentilesTest {
  @Test
  void nearestRankOfOneToOneHundred() {
    long[] values = LongStream.rangeClosed(1, 100).map(i -> 101 - i).toArray(); // descending: order must not matter

    assertThat(Percentiles.of(values, 50)).isEqualTo(50);
    assertThat(Percentiles.of(values, 99)).isEqualTo(99);
    assertThat(Percentiles.of(values, 100)).isEqualTo(100);
    assertThat(values[0]).as("the input is left as it was").isEqualTo(100);
  }

  @Test
  void nearestRankOfFewValues() {
    assertThat(Percentiles.of(new long[] {7}, 99)).isEqualTo(7);
    assertThat(Percentiles.of(new long[] {30, 10, 20}, 50)).isEqualTo(20);
    // 99% of 3 values is rank 2.97 -> 3: the largest.
    assertThat(Percentiles.of(new long[] {30, 10, 20}, 99)).isEqualTo(30);
    assertThat(Percentiles.of(new long[] {-5, 5}, 50)).isEqualTo(-5);
  }

  @Test
  void sortedValuesAreTakenAsTheyAre() {
    long[] sorted = LongStream.rangeClosed(1, 1000).toArray();

    assertThat(Percentiles.ofSorted(sorted, 50)).isEqualTo(500);
    assertThat(Percentiles.ofSorted(sorted, 99)).isEqualTo(990);
    assertThatThrownBy(() -> Percentiles.ofSorted(new long[0], 50)).hasMessageContaining("no values");
  }

  @Test
  void refusesNoValuesAndPercentilesOutOfRange() {
    assertThatThrownBy(() -> Percentiles.of(new long[0], 50)).hasMessageContaining("no values");
    assertThatThrownBy(() -> Percentiles.of(new long[] {1}, 0)).hasMessageContaining("above 0");
    assertThatThrownBy(() -> Percentiles.of(new long[] {1}, 101)).hasMessageContaining("at most 100");
  }

  @Test
  void medianOfOddAndEvenCountsLeavingOutNaN() {
    assertThat(Percentiles.median(3, 1, 2)).isEqualTo(2);
    assertThat(Percentiles.median(4, 1, 3, 2)).isEqualTo(2.5);
    assertThat(Percentiles.median(Double.NaN, 5, 1)).isEqualTo(3);
    assertThat(Percentiles.median(Double.NaN)).isNaN();
  }
}
