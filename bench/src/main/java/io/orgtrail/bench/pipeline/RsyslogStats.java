package io.orgtrail.bench.pipeline;

import io.orgtrail.bench.process.ChildProcess;
import io.orgtrail.bench.rsyslog.AggregatorConfig;
import io.orgtrail.bench.rsyslog.ImpstatsLine;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import java.util.function.ToLongFunction;

/**
 * The impstats counters one rsyslogd printed (once a second, on stdout): the latest line of every counter set, and
 * one figure over time (a sum over the counter sets it is made of), each value stamped with the
 * {@link System#nanoTime()} it was read at, for rates over the window.
 */
final class RsyslogStats {
  private final Predicate<String> names;
  private final ToLongFunction<ImpstatsLine> figure;
  private final SampleLog<Long> samples = new SampleLog<>();
  private final Map<String, ImpstatsLine> latest = new ConcurrentHashMap<>();

  /**
   * Follows the sum of {@code figure} over the latest lines of the counter sets {@code names} takes, read again
   * whenever one of them comes.
   */
  RsyslogStats(Predicate<String> names, ToLongFunction<ImpstatsLine> figure) {
    this.names = names;
    this.figure = figure;
  }

  /**
   * Lines an agent has read from its input: the messages its main queue took (imfile's only way in; rsyslog's own
   * messages add a handful).
   */
  static RsyslogStats agentLinesRead() {
    return new RsyslogStats("main Q"::equals, line -> line.counter("enqueued").orElse(0));
  }

  /**
   * Lines the aggregator's write actions took from their queues, over all accounts: each queue's enqueued minus
   * what it still holds (an action's own {@code processed} counts on entry to its queue, not on writing).
   */
  static RsyslogStats aggregatorLinesWritten(List<String> accounts) {
    List<String> queues = accounts.stream().map(AggregatorConfig::queueName).toList();
    return new RsyslogStats(queues::contains,
        line -> line.counter("enqueued").orElse(0) - line.counter("size").orElse(0));
  }

  /** An output line of the process (the listener of its {@link ChildProcess}). */
  void accept(String line) {
    ImpstatsLine.parse(line).ifPresent(stats -> {
      latest.put(stats.name(), stats);
      if (names.test(stats.name())) {
        long sum = 0;
        for (ImpstatsLine l : List.copyOf(latest.values())) {
          if (names.test(l.name())) {
            sum += figure.applyAsLong(l);
          }
        }
        samples.add(System.nanoTime(), sum);
      }
    });
  }

  /** The followed counter over time. */
  SampleLog<Long> samples() {
    return samples;
  }

  /** The followed counter's latest value, 0 before the first line. */
  long current() {
    return samples.latest().map(SampleLog.Timed::sample).orElse(0L);
  }

  /** {@code counter} of the latest line of the counter set {@code setName}. */
  OptionalLong latest(String setName, String counterName) {
    ImpstatsLine line = latest.get(setName);
    return line == null ? OptionalLong.empty() : line.counter(counterName);
  }

  /** Messages the process's queues dropped so far (full, or at their discard mark), over every queue. */
  long discarded() {
    long sum = 0;
    for (ImpstatsLine line : List.copyOf(latest.values())) {
      if (line.origin().equals("core.queue")) {
        sum += line.counter("discarded.full").orElse(0) + line.counter("discarded.nf").orElse(0);
      }
    }
    return sum;
  }

  /** Messages waiting in the process's queues (memory and disk) at the latest line. */
  long queued() {
    long sum = 0;
    for (ImpstatsLine line : List.copyOf(latest.values())) {
      if (line.origin().equals("core.queue") && !line.name().equals("stats")) {
        sum += line.counter("size").orElse(0);
      }
    }
    return sum;
  }
}
