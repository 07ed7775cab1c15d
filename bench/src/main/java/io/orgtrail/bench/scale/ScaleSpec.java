package io.orgtrail.bench.scale;

import io.orgtrail.bench.common.StoreKind;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Everything one scale run needs to know.
 *
 * @param streams simulated agents, each with its own stream
 * @param processes simulator processes the streams are spread over
 * @param accounts member accounts the streams belong to (streams round-robin over them)
 * @param regionsPerStream regions each stream's events are spread over, the same for every stream of an account (the
 *     aggregator writes one log file per account and region per roll)
 * @param aggregatorHeap the aggregator's {@code -Xmx} value, e.g. {@code 1g}
 * @param aggregatorJavaOptions more JVM options for the aggregator
 * @param aggregatorSettings more lines of the aggregator's YAML, e.g. {@code writerThreads: 16}
 * @param simulatorJavaOptions JVM options of the simulator processes
 * @param sharedChannels connections per simulator process shared by its streams; 0: one per stream
 * @param simulatorThreads threads per simulator building, signing and handling acknowledgements
 * @param drainTimeout how long the simulators wait for the last acknowledgements after the window
 * @param jar orgtrail's command-line jar (the aggregator runs from it)
 * @param classpath the simulators' classpath (this benchmark's own)
 * @param datasets the recorded datasets directory (the records' templates)
 */
record ScaleSpec(
    int streams,
    int processes,
    int accounts,
    int regionsPerStream,
    StreamPlan plan,
    Duration rollInterval,
    String aggregatorHeap,
    List<String> aggregatorJavaOptions,
    List<String> aggregatorSettings,
    List<String> simulatorJavaOptions,
    StoreKind store,
    int sharedChannels,
    int simulatorThreads,
    Duration warmup,
    Duration duration,
    Duration drainTimeout,
    Path jar,
    Path java,
    String classpath,
    Path datasets) {

  ScaleSpec {
    aggregatorJavaOptions = List.copyOf(aggregatorJavaOptions);
    aggregatorSettings = List.copyOf(aggregatorSettings);
    simulatorJavaOptions = List.copyOf(simulatorJavaOptions);
    if (streams < 1 || streams > EventIds.MAX_STREAMS) {
      throw new IllegalArgumentException("streams must be 1 to " + EventIds.MAX_STREAMS + ", not " + streams);
    }
    if (processes < 1 || processes > streams) {
      throw new IllegalArgumentException("processes must be 1 to the number of streams (" + streams + "), not "
          + processes);
    }
    if (accounts < 1 || accounts > streams) {
      throw new IllegalArgumentException("accounts must be 1 to the number of streams (" + streams + "), not "
          + accounts);
    }
  }

  /**
   * Log file chains: distinct (account, region) pairs with events, each of which the aggregator writes a file for
   * every roll interval.
   */
  int chains() {
    return accounts * Math.min(regionsPerStream, ScaleCluster.REGIONS.size());
  }

  /** The aggregator's maximum heap in bytes. */
  long aggregatorHeapBytes() {
    return HeapSize.parse(aggregatorHeap);
  }
}
