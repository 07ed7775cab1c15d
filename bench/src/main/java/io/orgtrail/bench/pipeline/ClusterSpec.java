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
 * @param javaOptions options before {@code -jar} of every process, e.g. {@code -Xmx512m}
 * @param aggregatorJavaOptions more options of the aggregator, after {@code javaOptions}
 * @param aggregatorSettings more lines of the aggregator's YAML, e.g. {@code writerThreads: 8}
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
    List<String> javaOptions,
    List<String> aggregatorJavaOptions,
    List<String> aggregatorSettings) {
  ClusterSpec {
    javaOptions = List.copyOf(javaOptions);
    aggregatorJavaOptions = List.copyOf(aggregatorJavaOptions);
    aggregatorSettings = List.copyOf(aggregatorSettings);
  }
}
