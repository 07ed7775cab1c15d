package io.orgtrail.bench.pipeline;

import io.orgtrail.bench.common.Percentiles;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * The figures of one rsyslog peer run (or the median of several: {@link #median}), measured as orgtrail's: rates over
 * the window, CPU per million delivered events, peak resident set in MB (10^6 bytes).
 *
 * @param run 1, 2, ...; 0 for the median
 * @param eventsPerSecond lines the aggregator's write actions took per second, all accounts
 * @param megabytesPerSecond their record bytes per second (events/s x the mean record size)
 * @param meanRecordBytes the mean size of the records fed, without line feeds
 * @param agentCpuPerMillion the agent rsyslogds' CPU seconds (summed) per million delivered events
 * @param aggregatorCpuPerMillion the aggregator rsyslogd's
 * @param feederCpuPerMillion the benchmark's own threads writing the input files (not the peer's cost)
 * @param agentRssMaxMb the highest agent's peak RSS
 * @param aggregatorRssMb the aggregator's peak RSS
 * @param readPerSecond lines the agents read from their input per second, summed (a cross-check)
 * @param linesFed lines written to the agents' input files since the start, at the window's end
 * @param delivered lines the aggregator had taken by then
 * @param queuedAtEnd messages in the rsyslogds' queues (memory and disk) at the window's end
 * @param discarded messages any queue dropped (0 in a sound run)
 * @param filesWritten gzip files the aggregator wrote, all accounts
 * @param linesChecked lines read back from them and found identical to lines fed
 * @param agentCpuSplit the agents' CPU seconds per million events by thread group, largest first
 * @param aggregatorCpuSplit the aggregator's
 */
record PeerFigures(
    int run,
    int agents,
    double eventsPerSecond,
    double megabytesPerSecond,
    double meanRecordBytes,
    double agentCpuPerMillion,
    double aggregatorCpuPerMillion,
    double feederCpuPerMillion,
    double agentRssMaxMb,
    double aggregatorRssMb,
    double readPerSecond,
    long linesFed,
    long delivered,
    long queuedAtEnd,
    long discarded,
    int filesWritten,
    long linesChecked,
    Map<String, Double> agentCpuSplit,
    Map<String, Double> aggregatorCpuSplit) {

  PeerFigures {
    agentCpuSplit = Collections.unmodifiableMap(new LinkedHashMap<>(agentCpuSplit));
    aggregatorCpuSplit = Collections.unmodifiableMap(new LinkedHashMap<>(aggregatorCpuSplit));
  }

  /** Each figure's median, as run 0; the CPU split is the one of the run with the median events/s. */
  static PeerFigures median(List<PeerFigures> runs) {
    if (runs.size() == 1) {
      return runs.get(0);
    }
    PeerFigures middle = runs.stream().sorted(Comparator.comparingDouble(PeerFigures::eventsPerSecond)).toList()
        .get((runs.size() - 1) / 2);
    return new PeerFigures(0, runs.get(0).agents(),
        m(runs, PeerFigures::eventsPerSecond), m(runs, PeerFigures::megabytesPerSecond),
        m(runs, PeerFigures::meanRecordBytes), m(runs, PeerFigures::agentCpuPerMillion),
        m(runs, PeerFigures::aggregatorCpuPerMillion), m(runs, PeerFigures::feederCpuPerMillion),
        m(runs, PeerFigures::agentRssMaxMb), m(runs, PeerFigures::aggregatorRssMb),
        m(runs, PeerFigures::readPerSecond), (long) m(runs, PeerFigures::linesFed),
        (long) m(runs, PeerFigures::delivered), (long) m(runs, PeerFigures::queuedAtEnd),
        (long) m(runs, PeerFigures::discarded), (int) m(runs, PeerFigures::filesWritten),
        (long) m(runs, PeerFigures::linesChecked), middle.agentCpuSplit(), middle.aggregatorCpuSplit());
  }

  private static double m(List<PeerFigures> runs, ToDoubleFunction<PeerFigures> figure) {
    return Percentiles.median(runs.stream().mapToDouble(figure).toArray());
  }
}
