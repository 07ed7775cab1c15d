package io.orgtrail.bench.pipeline;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What one periodic stats line of an agent says ({@code AgentStats.deliverySummary()}, logged every
 * {@code statsLogInterval}): counters since the agent started, the spool's backlog, and the acknowledgement latency
 * over its last 1,024 acknowledgements.
 */
record AgentSample(
    long accepted,
    long acknowledged,
    long spoolBatches,
    long spoolEvents,
    long spoolBytes,
    long ackP50Millis,
    long ackP99Millis) {

  private static final Pattern SUMMARY = Pattern.compile(
      "accepted (\\d+) events, acknowledged (\\d+); spool (\\d+) batches / (\\d+) events / (\\d+) bytes on disk, "
          + "oldest unacknowledged \\d+ ms; ack latency p50 (\\d+) ms p99 (\\d+) ms;");

  /** The sample in {@code line}, or empty when the line is some other log line. */
  static Optional<AgentSample> parse(String line) {
    Matcher m = SUMMARY.matcher(line);
    if (!m.find()) {
      return Optional.empty();
    }
    return Optional.of(new AgentSample(
        Long.parseLong(m.group(1)), Long.parseLong(m.group(2)), Long.parseLong(m.group(3)),
        Long.parseLong(m.group(4)), Long.parseLong(m.group(5)), Long.parseLong(m.group(6)),
        Long.parseLong(m.group(7))));
  }
}
