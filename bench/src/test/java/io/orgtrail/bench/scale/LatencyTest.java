package io.orgtrail.bench.scale;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class LatencyTest {
  @Test
  void nearestRankPercentilesOfUnsortedLatencies() {
    // 1..100 shuffled by a stride coprime to 100: p50 = 50, p99 = 99, max = 100.
    long[] millis = LongStream.range(0, 100).map(i -> (i * 37) % 100 + 1).toArray();

    ScaleFigures.Latency l = ScaleFigures.Latency.of(millis);

    assertThat(l.samples()).isEqualTo(100);
    assertThat(l.p50Millis()).isEqualTo(50);
    assertThat(l.p99Millis()).isEqualTo(99);
    assertThat(l.maxMillis()).isEqualTo(100);
  }

  @Test
  void noSamplesIsMinusOneEverywhere() {
    ScaleFigures.Latency l = ScaleFigures.Latency.of(new long[0]);

    assertThat(l.samples()).isZero();
    assertThat(l.p50Millis()).isEqualTo(-1);
    assertThat(l.p99Millis()).isEqualTo(-1);
  }
}
