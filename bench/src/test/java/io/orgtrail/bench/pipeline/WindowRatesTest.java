package io.orgtrail.bench.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Rates over the window from samples on each process's own schedule; times are in seconds from an origin. */
class WindowRatesTest {
  private static final long S = 1_000_000_000L;
  private static final long ORIGIN = 5_000 * S; // nanoTime may be any value, negative included: none assumed

  private static MeasurementWindow window(double from, double to) {
    return new MeasurementWindow(ORIGIN + (long) (from * S), ORIGIN + (long) (to * S), Instant.EPOCH,
        Instant.EPOCH.plusSeconds(1));
  }

  private static SampleLog<AgentSample> agent(double[] at, long[] acknowledged, long p50, long p99) {
    SampleLog<AgentSample> log = new SampleLog<>();
    for (int i = 0; i < at.length; i++) {
      log.add(ORIGIN + (long) (at[i] * S), new AgentSample(acknowledged[i] + 100, acknowledged[i], 1, 10 + i, 1_000,
          p50, p99));
    }
    return log;
  }

  @Test
  void spansFromTheLastSampleBeforeToTheFirstAfterTheWindowAndSumsAgents() {
    // Agent 1: 1,000 events/s steadily; the window [1.5, 3.5] is covered by its samples at 1 and 4.
    SampleLog<AgentSample> one = agent(new double[] {0, 1, 2, 3, 4, 5}, new long[] {0, 1_000, 2_000, 3_000, 4_000,
        5_000}, 100, 300);
    // Agent 2 on another schedule: samples at 1.2 and 3.7 cover it; 2,500 events over 2.5 s.
    SampleLog<AgentSample> two = agent(new double[] {0.2, 1.2, 2.2, 3.7}, new long[] {0, 500, 1_500, 3_000}, 200,
        900);

    WindowRates.Agents a = WindowRates.agents(List.of(one, two), window(1.5, 3.5));

    assertThat(a.eventsPerSecond()).isCloseTo(1_000 + 1_000, within(1e-6));
    assertThat(a.acknowledged()).as("at the first samples after the window").isEqualTo(4_000 + 3_000);
    assertThat(a.accepted()).isEqualTo(4_100 + 3_100);
    assertThat(a.spoolEvents()).isEqualTo(14 + 13);
    assertThat(a.ackP50Millis()).as("mean of the agents' medians").isEqualTo(150);
    assertThat(a.ackP99Millis()).as("the highest p99").isEqualTo(900);
  }

  @Test
  void theAggregatorsEventsWrittenPerSecondAndFilesInTheWindow() {
    SampleLog<AggregatorSample> log = new SampleLog<>();
    log.add(ORIGIN, new AggregatorSample(10, 10, 1_000, 2, 0, 0));
    log.add(ORIGIN + 2 * S, new AggregatorSample(30, 30, 5_000, 6, 512, 1));

    WindowRates.Aggregator g = WindowRates.aggregator(log, window(0.5, 1.5));

    assertThat(g.eventsWrittenPerSecond()).isCloseTo(2_000, within(1e-6));
    assertThat(g.filesWritten()).isEqualTo(4);
    assertThat(g.storeFailures()).isEqualTo(1);
  }

  @Test
  void oneSampleIsNoRate() {
    SampleLog<AggregatorSample> log = new SampleLog<>();
    log.add(ORIGIN + S, new AggregatorSample(1, 1, 1, 1, 0, 0));

    assertThatThrownBy(() -> WindowRates.aggregator(log, window(0, 2))).hasMessageContaining("fewer than two");
  }
}
