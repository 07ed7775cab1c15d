package io.orgtrail.bench.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.orgtrail.agent.AgentStats;
import io.orgtrail.aggregator.AggregatorStats;
import io.orgtrail.proto.v1.BatchRejection;
import io.orgtrail.proto.v1.EventProblem;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The periodic stats lines, as the agent and aggregator really format them ({@code deliverySummary()}) and as they
 * reach the benchmark (behind logback's time, level and logger), parse into the counters the benchmark samples.
 */
class StatsLinesTest {
  private static final String AGENT_PREFIX = "06:35:05.417 INFO  Agent - agent agt-329ee3c28e6ca42e: ";
  private static final String AGGREGATOR_PREFIX = "06:35:04.347 INFO  Aggregator - ";

  @Test
  void readsTheAgentsCountersSpoolAndAckLatency() {
    AgentStats stats = new AgentStats(123_456, 7, Map.of("MALFORMED_JSON", 7L), 250, 3, 120_000, 11, 1, 12, 3_456,
        4_800_000, true, null, 0, 0, 0, 123_456, false, 2, 0, 0, 0, 9, 3_000, 4_200_000, 812, 0, 640, 2_310, 0, 0, 0,
        40, 2, "0123456789abcdef", 0);

    AgentSample sample = AgentSample.parse(AGENT_PREFIX + stats.deliverySummary()).orElseThrow();

    assertThat(sample).isEqualTo(new AgentSample(123_456, 120_000, 9, 3_000, 4_200_000, 640, 2_310));
  }

  @Test
  void readsTheAggregatorsCounters() {
    AggregatorStats stats = new AggregatorStats(1_000, 990, 4, 2_000, 0, 2, Map.of(BatchRejection.BAD_SIGNATURE, 3L),
        495_000, Map.of(EventProblem.values()[0], 5L), 321, 2, 0, 0, 1_048_576, 1, Duration.ofMillis(1_500), 0, 0, 0,
        1, 0);

    AggregatorSample sample = AggregatorSample.parse(AGGREGATOR_PREFIX + stats.deliverySummary()).orElseThrow();

    assertThat(sample).isEqualTo(new AggregatorSample(1_000, 990, 495_000, 321, 1_048_576, 2));
  }

  @Test
  void otherLinesAreNoSamples() {
    assertThat(AgentSample.parse("06:35:05.417 INFO  Agent - agent agt-1 for account 111100000001 started")).isEmpty();
    assertThat(AggregatorSample.parse("06:35:03.319 INFO  Aggregator - aggregator listening on 127.0.0.1:1")).isEmpty();
    AgentStats agent = new AgentStats(1, 0, Map.of(), 0, 0, 1, 0, 0, 0, 0, 0, true, null, 0, 0, 0, 0, false, 0, 0, 0, 0,
        0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, null, 0);
    assertThat(AggregatorSample.parse(agent.deliverySummary())).isEmpty();
  }
}
