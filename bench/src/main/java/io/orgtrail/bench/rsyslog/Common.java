package io.orgtrail.bench.rsyslog;

import java.nio.file.Path;

/** What the agent and aggregator configurations share: limits, statistics, internal messages. */
final class Common {
  /** Messages per dequeue: rsyslog's batches (default 128 for action queues). */
  static final int BATCH = 1024;
  /** The impstats ruleset: its own small queue, so that a full main queue does not delay the statistics. */
  static final String STATS_RULESET = String.join("\n",
      "template(name=\"stats\" type=\"string\" string=\"%msg%\\n\")",
      "ruleset(name=\"stats\" queue.type=\"LinkedList\" queue.size=\"1000\") {",
      "  action(type=\"omfile\" file=\"/dev/stdout\" template=\"stats\")",
      "}");
  /**
   * Every counter once a second, as JSON lines on stdout (the benchmark reads them as they come). Not reset: the
   * benchmark takes differences.
   */
  static final String IMPSTATS = "module(load=\"impstats\" interval=\"1\" format=\"json\" log.syslog=\"on\" "
      + "ruleset=\"stats\" resetCounters=\"off\")";
  /** rsyslog's own messages (start, errors) in the default ruleset: to stdout, the process's log. */
  static final String INTERNAL_TO_STDOUT = "action(type=\"omfile\" file=\"/dev/stdout\")";

  private Common() {}

  /**
   * Records up to 256 KiB, the size orgtrail's agents accept ({@code RecordRules.DEFAULT_MAX_RECORD_BYTES}; rsyslog's
   * default of 8 KiB would cut larger CloudTrail records), and no DNS lookups of peers.
   */
  static String global(Path workDir) {
    return "global(workDirectory=\"" + RsyslogText.path(workDir) + "\" maxMessageSize=\"256k\" "
        + "net.enableDNS=\"off\")";
  }
}
