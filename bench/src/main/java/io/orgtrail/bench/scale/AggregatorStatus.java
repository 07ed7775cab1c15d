package io.orgtrail.bench.scale;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What one periodic stats line of the aggregator says ({@code AggregatorStats.deliverySummary()}, logged every second
 * with {@code statsLogInterval: 1s}): counters since it started, and gauges of now.
 *
 * @param pausedStreams agents' streams not read from now because the memory budget is spent (gauge)
 * @param pushbackMillis how long, in all, streams were kept waiting for memory
 */
record AggregatorStatus(
    long batchesReceived,
    long batchesDurable,
    long duplicates,
    long rejected,
    long eventsWritten,
    long filesWritten,
    long bufferedBytes,
    int pausedStreams,
    long pushbackMillis,
    long storeFailures,
    long stateSaveFailures) {

  private static final Pattern SUMMARY = Pattern.compile(
      "received (\\d+) batches: (\\d+) durable, (\\d+) duplicates recognised .*?, (\\d+) rejected; (\\d+) events "
          + "written in (\\d+) files, .*?; (\\d+) bytes buffered, (\\d+) streams paused \\(pushback (\\d+) ms in "
          + "all\\), .*?; store failures (\\d+), state save failures (\\d+);");

  /** The status in {@code line}, or empty when it is some other log line. */
  static Optional<AggregatorStatus> parse(String line) {
    Matcher m = SUMMARY.matcher(line);
    if (!m.find()) {
      return Optional.empty();
    }
    return Optional.of(new AggregatorStatus(
        Long.parseLong(m.group(1)), Long.parseLong(m.group(2)), Long.parseLong(m.group(3)),
        Long.parseLong(m.group(4)), Long.parseLong(m.group(5)), Long.parseLong(m.group(6)),
        Long.parseLong(m.group(7)), Integer.parseInt(m.group(8)), Long.parseLong(m.group(9)),
        Long.parseLong(m.group(10)), Long.parseLong(m.group(11))));
  }
}
