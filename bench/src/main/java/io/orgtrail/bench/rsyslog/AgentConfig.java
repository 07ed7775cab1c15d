package io.orgtrail.bench.rsyslog;

import java.nio.file.Path;

/**
 * The configuration of one rsyslog "agent" instance: it tails the account's input file ({@code imfile}, inotify)
 * and forwards every line over RELP ({@code omrelp}: framed, acknowledged, resent after a broken connection) to the
 * aggregator, with the account as the syslog tag (APP-NAME) that the aggregator routes by.
 *
 * <p>The forwarding action has its own queue, retried forever ({@code action.resumeRetryCount=-1}):
 * {@link ForwardQueue#DISK_ASSISTED}, rsyslog's answer to orgtrail's spool, in memory while the aggregator keeps up,
 * spilling to queue files in the work directory (up to {@code diskQueueBytes}, as orgtrail's spool is bounded) when it
 * does not, saved on shutdown; or {@link ForwardQueue#MEMORY} only. When the queue is full, it blocks instead of
 * discarding ({@code queue.timeoutEnqueue} of a day), so back-pressure reaches the main queue and from there
 * {@code imfile}, which then stops reading: nothing is lost, the input file is the backlog.
 *
 * @param account the member account: the tag of every line, and the aggregator's output directory
 * @param inputFile the file tailed
 * @param workDir rsyslog's work directory (imfile's state, the queue files)
 * @param aggregatorPort the aggregator's RELP port on 127.0.0.1
 * @param queue what backs the forwarding queue
 * @param diskQueueBytes the forwarding queue's disk bound ({@code queue.maxDiskSpace}) when disk-assisted
 */
public record AgentConfig(String account, Path inputFile, Path workDir, int aggregatorPort, ForwardQueue queue,
    long diskQueueBytes) {
  /** The forwarding action's name: its counters in impstats are {@code forward} and {@code forward queue}. */
  public static final String FORWARD_ACTION = "forward";
  /** Messages in memory before the forwarding queue spills to disk (at 90 %, rsyslog's default high watermark). */
  static final int FORWARD_QUEUE_MESSAGES = 50_000;
  /** imfile's hand-off to the rules: small, the forwarding queue is the buffer. */
  static final int MAIN_QUEUE_MESSAGES = 10_000;
  /**
   * Unacknowledged RELP messages in flight. librelp's default (128) holds one connection to about 5,000 messages/s on
   * loopback, a round trip per 128 messages; 2,048 keeps the aggregator busy.
   */
  static final int RELP_WINDOW = 2048;

  public AgentConfig {
    if (!account.matches("\\d{12}")) {
      throw new IllegalArgumentException("an account is 12 digits, not '" + account + "'");
    }
    if (queue == ForwardQueue.DISK_ASSISTED && diskQueueBytes < 1024 * 1024) {
      throw new IllegalArgumentException("the disk queue needs at least 1 MiB, not " + diskQueueBytes + " bytes");
    }
  }

  /** The rsyslog.conf text. */
  public String render() {
    return String.join("\n",
        "# orgtrail pipeline benchmark: rsyslog agent of account " + account + " (generated; bench/README.md)",
        Common.global(workDir),
        "main_queue(queue.type=\"LinkedList\" queue.size=\"" + MAIN_QUEUE_MESSAGES + "\" queue.dequeueBatchSize=\""
            + Common.BATCH + "\")",
        Common.IMPSTATS,
        "module(load=\"imfile\" mode=\"inotify\")",
        "module(load=\"omrelp\")",
        Common.STATS_RULESET,
        // RFC 5424 with the tag as APP-NAME: the aggregator's parser takes MSG byte for byte (no leading space).
        "template(name=\"relp\" type=\"string\" "
            + "string=\"<%PRI%>1 %TIMESTAMP:::date-rfc3339% %HOSTNAME% %APP-NAME% - - - %msg%\")",
        "ruleset(name=\"ship\") {",
        "  action(name=\"" + FORWARD_ACTION + "\" type=\"omrelp\" target=\"127.0.0.1\" port=\"" + aggregatorPort
            + "\" template=\"relp\" windowSize=\"" + RELP_WINDOW + "\"",
        "    action.resumeRetryCount=\"-1\" action.resumeInterval=\"1\"",
        "    queue.type=\"LinkedList\" queue.size=\"" + FORWARD_QUEUE_MESSAGES + "\" queue.dequeueBatchSize=\""
            + Common.BATCH + "\"",
        queue == ForwardQueue.DISK_ASSISTED
            ? "    queue.filename=\"forward\" queue.maxDiskSpace=\"" + diskQueueBytes + "\" queue.maxFileSize=\"8m\" "
                + "queue.saveOnShutdown=\"on\""
            : "    # memory only: the input file is the backlog",
        "    queue.timeoutEnqueue=\"86400000\")",
        "}",
        "input(type=\"imfile\" file=\"" + RsyslogText.path(inputFile) + "\" tag=\"" + account
            + "\" ruleset=\"ship\" addMetadata=\"off\")",
        Common.INTERNAL_TO_STDOUT,
        "");
  }
}
