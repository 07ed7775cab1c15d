package io.orgtrail.bench.scale;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A simulator's state, printed every second as one {@link SimulatorProtocol#STATS} line.
 *
 * @param streams streams the process holds
 * @param open streams whose call is open and not failed
 * @param withAck streams that have had at least one acknowledgement
 * @param ackedEvents events acknowledged so far, all streams
 * @param inFlightBatches batches sent and not yet answered
 * @param backlogEvents events made and not yet sent (windows full)
 * @param rejectedBatches batches answered REJECTED so far
 * @param failed streams that ended early
 */
record SimulatorStatus(int streams, int open, int withAck, long ackedEvents, long inFlightBatches, long backlogEvents,
    long rejectedBatches, int failed) {
  private static final Pattern LINE = Pattern.compile(SimulatorProtocol.STATS + " streams=(\\d+) open=(\\d+) "
      + "withAck=(\\d+) acked=(\\d+) inFlight=(\\d+) backlog=(\\d+) rejected=(\\d+) failed=(\\d+)");

  String line() {
    return String.format(Locale.ROOT, "%s streams=%d open=%d withAck=%d acked=%d inFlight=%d backlog=%d rejected=%d "
        + "failed=%d", SimulatorProtocol.STATS, streams, open, withAck, ackedEvents, inFlightBatches, backlogEvents,
        rejectedBatches, failed);
  }

  /** The status in {@code line}, or empty when it is another line. */
  static Optional<SimulatorStatus> parse(String line) {
    Matcher m = LINE.matcher(line);
    if (!m.find()) {
      return Optional.empty();
    }
    return Optional.of(new SimulatorStatus(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)),
        Integer.parseInt(m.group(3)), Long.parseLong(m.group(4)), Long.parseLong(m.group(5)),
        Long.parseLong(m.group(6)), Long.parseLong(m.group(7)), Integer.parseInt(m.group(8))));
  }
}
