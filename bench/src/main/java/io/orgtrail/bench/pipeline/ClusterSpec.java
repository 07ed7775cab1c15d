package io.orgtrail.bench.pipeline;

import io.orgtrail.bench.common.StoreKind;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * What one run starts.
 *
 * @param store where the aggregator writes
 * @param agents agent processes, one member account each
 * @param eventsPerSecondPerAgent the generator's rate in each agent (a very high rate saturates the pipeline)
 * @param rollInterval the aggregator's roll interval
 * @param compressionLevel the aggregator's gzip level (its {@code compressionLevel}), 1 to 9
 * @param spoolMaxBytes each agent's spool bound: a saturated agent's backlog, so its latencies level off
 * @param jar the orgtrail command-line jar ({@code cli/target/orgtrail.jar})
 * @param java the java launcher for the processes
 * @param javaOptions options before {@code -jar}, e.g. {@code -Xmx512m}
 */
record ClusterSpec(
    StoreKind store,
    int agents,
    double eventsPerSecondPerAgent,
    Duration rollInterval,
    int compressionLevel,
    long spoolMaxBytes,
    Path jar,
    Path java,
    List<String> javaOptions) {
  ClusterSpec {
    javaOptions = List.copyOf(javaOptions);
  }
}
