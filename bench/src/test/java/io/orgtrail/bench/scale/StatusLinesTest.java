package io.orgtrail.bench.scale;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class StatusLinesTest {
  @Test
  void readsTheAggregatorsDeliverySummary() {
    String line = "08:55:29.332 INFO  Aggregator - received 34166 batches: 33272 durable, 2 duplicates recognised "
        + "(200 events), 1 resends while writing, 3 rejected; 3327600 events written in 25430 files, 0 events "
        + "skipped as already durable after a restart; 112522443 bytes buffered, 17 streams paused (pushback 4321 ms "
        + "in all), 0 batches awaiting recovery; store failures 5, state save failures 6; 0 digests written, 0 digest "
        + "failures";

    assertThat(AggregatorStatus.parse(line)).contains(new AggregatorStatus(34166, 33272, 2, 3, 3327600, 25430,
        112522443, 17, 4321, 5, 6));
    assertThat(AggregatorStatus.parse("08:53:18.016 INFO  Aggregator - aggregator listening on 127.0.0.1:1")).isEmpty();
  }

  @Test
  void aSimulatorsStatusLineReadsBackAsItWasWritten() {
    SimulatorStatus status = new SimulatorStatus(250, 249, 248, 1_234_567, 500, 42, 1, 1);

    assertThat(status.line()).startsWith(SimulatorProtocol.STATS + " ");
    assertThat(SimulatorStatus.parse(status.line())).contains(status);
    assertThat(SimulatorStatus.parse("Nov 21, 2026 io.grpc.internal.ManagedChannelImpl warning")).isEmpty();
  }
}
