package io.orgtrail.bench.pipeline;

import io.orgtrail.bench.common.Percentiles;
import io.orgtrail.bench.common.StoreKind;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * The figures of one run (or the median of several: {@link #median}). Rates are over the measurement window; CPU
 * is per million acknowledged events; memory is the peak resident set (VmHWM) in MB (10^6 bytes) over the process's
 * life. Values a run does not have (MinIO's on the local store) are NaN.
 *
 * @param run 1, 2, ...; 0 for the median
 * @param eventsPerSecond events acknowledged to the agents per second, summed over agents
 * @param megabytesPerSecond their uncompressed bytes per second: events/s times the mean record size of the
 *     delivered records (the agents count no bytes)
 * @param meanRecordBytes that mean size
 * @param ackP50Millis agent-reported median time from spooling a batch to its acknowledgement (mean over agents)
 * @param ackP99Millis agent-reported 99th percentile (highest over agents)
 * @param deliveryP50Millis median time from a record's making to its log file being in the store
 * @param deliveryP99Millis 99th percentile of the same
 * @param deliverySamples records the delivery latency was taken of
 * @param filesRead delivered files read back
 * @param filesInWindow log files delivered during the window
 * @param accepted events accepted by the agents since they started, at the window's end
 * @param acknowledged events acknowledged by then (at most {@code accepted})
 * @param spoolBacklogEvents events waiting in the agents' spools at the window's end
 * @param aggregatorEventsPerSecond events the aggregator wrote per second (a cross-check of events/s)
 * @param storeFailures failed store writes in the window (retried)
 * @param agentCpuSplit the agents' CPU seconds per million events by thread group, largest first
 * @param aggregatorCpuSplit the aggregator's
 */
record RunFigures(
    StoreKind store,
    int run,
    int agents,
    double eventsPerSecond,
    double megabytesPerSecond,
    double meanRecordBytes,
    double ackP50Millis,
    double ackP99Millis,
    double deliveryP50Millis,
    double deliveryP99Millis,
    int deliverySamples,
    int filesRead,
    int filesInWindow,
    double agentCpuPerMillion,
    double aggregatorCpuPerMillion,
    double minioCpuPerMillion,
    double agentRssMaxMb,
    double aggregatorRssMb,
    double minioRssMb,
    long accepted,
    long acknowledged,
    long spoolBacklogEvents,
    double aggregatorEventsPerSecond,
    long storeFailures,
    GzipLimit.Result gzipLimit,
    Map<String, Double> agentCpuSplit,
    Map<String, Double> aggregatorCpuSplit) {

  RunFigures {
    agentCpuSplit = Collections.unmodifiableMap(new LinkedHashMap<>(agentCpuSplit));
    aggregatorCpuSplit = Collections.unmodifiableMap(new LinkedHashMap<>(aggregatorCpuSplit));
  }

  /** Orgtrail's events/s over the limit's. */
  double ofLimit() {
    return eventsPerSecond / gzipLimit.eventsPerSecond();
  }

  /**
   * Each figure's median over {@code runs} (all of one store), as run 0; the CPU split is the one of the run whose
   * events/s is the median's (the lower middle one of an even count).
   */
  static RunFigures median(List<RunFigures> runs) {
    if (runs.size() == 1) {
      return runs.get(0);
    }
    GzipLimit.Result g = runs.get(0).gzipLimit();
    GzipLimit.Result gzip = new GzipLimit.Result(
        m(runs, r -> r.gzipLimit().megabytesPerSecond()), m(runs, r -> r.gzipLimit().eventsPerSecond()),
        m(runs, r -> r.gzipLimit().meanRecordBytes()), (int) m(runs, r -> r.gzipLimit().records()),
        m(runs, r -> r.gzipLimit().ratio()), g.level(), g.cpuTime());
    return new RunFigures(runs.get(0).store(), 0, runs.get(0).agents(),
        m(runs, RunFigures::eventsPerSecond), m(runs, RunFigures::megabytesPerSecond),
        m(runs, RunFigures::meanRecordBytes), m(runs, RunFigures::ackP50Millis), m(runs, RunFigures::ackP99Millis),
        m(runs, RunFigures::deliveryP50Millis), m(runs, RunFigures::deliveryP99Millis),
        (int) m(runs, RunFigures::deliverySamples), (int) m(runs, RunFigures::filesRead),
        (int) m(runs, RunFigures::filesInWindow), m(runs, RunFigures::agentCpuPerMillion),
        m(runs, RunFigures::aggregatorCpuPerMillion), m(runs, RunFigures::minioCpuPerMillion),
        m(runs, RunFigures::agentRssMaxMb), m(runs, RunFigures::aggregatorRssMb), m(runs, RunFigures::minioRssMb),
        (long) m(runs, RunFigures::accepted), (long) m(runs, RunFigures::acknowledged),
        (long) m(runs, RunFigures::spoolBacklogEvents), m(runs, RunFigures::aggregatorEventsPerSecond),
        (long) m(runs, RunFigures::storeFailures), gzip, middle(runs).agentCpuSplit(),
        middle(runs).aggregatorCpuSplit());
  }

  private static RunFigures middle(List<RunFigures> runs) {
    List<RunFigures> sorted = runs.stream().sorted(Comparator.comparingDouble(RunFigures::eventsPerSecond)).toList();
    return sorted.get((sorted.size() - 1) / 2);
  }

  private static double m(List<RunFigures> runs, ToDoubleFunction<RunFigures> figure) {
    return Percentiles.median(runs.stream().mapToDouble(figure).toArray());
  }
}
