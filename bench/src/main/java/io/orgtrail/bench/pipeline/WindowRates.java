package io.orgtrail.bench.pipeline;

import java.util.List;

/**
 * Rates over the measurement window from the processes' stats samples. Each process's rate is its counter's change
 * between its last sample at or before the window's start and its first sample at or after the window's end,
 * divided by the time between those two samples (each on its own schedule), so that a window is never cut inside
 * a stats interval.
 */
final class WindowRates {
  private WindowRates() {}

  /**
   * The agents' figures.
   *
   * @param eventsPerSecond acknowledged events per second, summed over agents
   * @param accepted events accepted by all agents since they started, at the window's end
   * @param acknowledged events acknowledged to all agents since they started, at the window's end
   * @param spoolEvents events in the agents' spools at the window's end (the backlog of a saturated pipeline)
   * @param ackP50Millis the mean over agents of the median acknowledgement latency each reported at the window's end
   * @param ackP99Millis the highest of their 99th percentiles
   */
  record Agents(double eventsPerSecond, long accepted, long acknowledged, long spoolEvents, long ackP50Millis,
      long ackP99Millis) {}

  /** The aggregator's figures: events written per second, and log files written and store failures in the window. */
  record Aggregator(double eventsWrittenPerSecond, long filesWritten, long storeFailures) {}

  static Agents agents(List<SampleLog<AgentSample>> logs, MeasurementWindow window) {
    if (logs.isEmpty()) {
      throw new IllegalArgumentException("no agents");
    }
    double rate = 0;
    long accepted = 0;
    long acknowledged = 0;
    long spool = 0;
    long p50Sum = 0;
    long p99Max = 0;
    for (SampleLog<AgentSample> log : logs) {
      Span<AgentSample> span = span(log, window);
      rate += (span.last.sample().acknowledged() - span.first.sample().acknowledged()) / span.seconds();
      AgentSample end = span.last.sample();
      accepted += end.accepted();
      acknowledged += end.acknowledged();
      spool += end.spoolEvents();
      p50Sum += end.ackP50Millis();
      p99Max = Math.max(p99Max, end.ackP99Millis());
    }
    return new Agents(rate, accepted, acknowledged, spool, Math.round((double) p50Sum / logs.size()), p99Max);
  }

  static Aggregator aggregator(SampleLog<AggregatorSample> log, MeasurementWindow window) {
    Span<AggregatorSample> span = span(log, window);
    AggregatorSample first = span.first.sample();
    AggregatorSample last = span.last.sample();
    return new Aggregator((last.eventsWritten() - first.eventsWritten()) / span.seconds(),
        last.filesWritten() - first.filesWritten(), last.storeFailures() - first.storeFailures());
  }

  /** A counter's rate over the window (an rsyslog impstats counter: one sample a second). */
  static double perSecond(SampleLog<Long> log, MeasurementWindow window) {
    Span<Long> span = span(log, window);
    return (span.last.sample() - span.first.sample()) / span.seconds();
  }

  private record Span<T>(SampleLog.Timed<T> first, SampleLog.Timed<T> last) {
    double seconds() {
      return (last.nanos() - first.nanos()) / 1e9;
    }
  }

  private static <T> Span<T> span(SampleLog<T> log, MeasurementWindow window) {
    SampleLog.Timed<T> first = log.atOrBefore(window.startNanos())
        .or(() -> log.atOrAfter(window.startNanos()))
        .orElseThrow(() -> new IllegalStateException("no stats line at all"));
    SampleLog.Timed<T> last = log.atOrAfter(window.endNanos())
        .or(() -> log.atOrBefore(window.endNanos()))
        .orElseThrow(() -> new IllegalStateException("no stats line at all"));
    if (last.nanos() - first.nanos() <= 0) {
      throw new IllegalStateException("fewer than two stats lines around the measurement window");
    }
    return new Span<>(first, last);
  }
}
