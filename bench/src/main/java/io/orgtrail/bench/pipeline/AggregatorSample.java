package io.orgtrail.bench.pipeline;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What one periodic stats line of the aggregator says ({@code AggregatorStats.deliverySummary()}): counters since
 * it started and what it holds in memory now.
 */
record AggregatorSample(
    long batchesReceived,
    long batchesDurable,
    long eventsWritten,
    long filesWritten,
    long bufferedBytes,
    long storeFailures) {

  private static final Pattern SUMMARY = Pattern.compile(
      "received (\\d+) batches: (\\d+) durable, .*?; (\\d+) events written in (\\d+) files, .*?; (\\d+) bytes "
          + "buffered, .*?; store failures (\\d+),");

  /** The sample in {@code line}, or empty when the line is some other log line. */
  static Optional<AggregatorSample> parse(String line) {
    Matcher m = SUMMARY.matcher(line);
    if (!m.find()) {
      return Optional.empty();
    }
    return Optional.of(new AggregatorSample(
        Long.parseLong(m.group(1)), Long.parseLong(m.group(2)), Long.parseLong(m.group(3)),
        Long.parseLong(m.group(4)), Long.parseLong(m.group(5)), Long.parseLong(m.group(6))));
  }
}
