package io.orgtrail.bench.rsyslog;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The configuration of the rsyslog "aggregator" instance: it receives RELP ({@code imrelp}) from every agent and
 * writes each line to a gzip file per account directory and minute, {@code <outDir>/<account>/cloudtrail-
 * YYYYMMDDTHHMMZ.json.gz} (UTC, the time of writing, as orgtrail names its files by delivery time), through
 * {@code omfile} with a dynamic file name, routed by the syslog tag (APP-NAME) the agents set to their account.
 *
 * <p>Compression at level 6, as orgtrail's aggregator ({@code Deflater.DEFAULT_COMPRESSION}, which zlib runs as 6),
 * with a 256 KiB buffer, flushed at the end of every batch ({@code flushOnTXEnd}, the default: at most a batch waits
 * in memory, as orgtrail's 1 s roll interval bounds a file's life).
 *
 * <p>One write action per known account, each with its own queue and worker thread, so that accounts compress on
 * separate cores (orgtrail's aggregator has several writer threads); lines of an unknown account are dropped, as
 * orgtrail refuses agents it did not enrol. Not one action with {@code asyncWriting} (a writer thread per open
 * file, flushed every {@code flushInterval}): with two gzip files open, rsyslog 8.2302 stopped by SIGTERM within the
 * flush interval after its agents went away left both files without their last block and gzip trailer (6,000 lines
 * per account fed, 5,994 readable, three times out of three); without it, every line was there every time.
 *
 * <p>RELP acknowledges a message once it is in the main queue (memory), not once it is on disk: no fsync, unlike
 * orgtrail.
 *
 * @param outDir where the account directories go
 * @param workDir rsyslog's work directory
 * @param port the RELP port on 127.0.0.1
 * @param accounts the member accounts (12 digits) whose lines are written
 */
public record AggregatorConfig(Path outDir, Path workDir, int port, List<String> accounts) {
  /** The write actions' names start with it: {@code deliver-<account>}, queues {@code deliver-<account> queue}. */
  public static final String DELIVER_ACTION_PREFIX = "deliver-";
  /** The main queue: what imrelp hands over, in memory. */
  static final int MAIN_QUEUE_MESSAGES = 50_000;
  /** Each account's write queue. */
  static final int ACCOUNT_QUEUE_MESSAGES = 20_000;
  /** Every written file's name starts with it. */
  public static final String FILE_PREFIX = "cloudtrail-";
  public static final String FILE_SUFFIX = ".json.gz";

  public AggregatorConfig {
    accounts = List.copyOf(accounts);
    if (accounts.isEmpty()) {
      throw new IllegalArgumentException("no accounts to write for");
    }
    for (String account : accounts) {
      if (!account.matches("\\d{12}")) {
        throw new IllegalArgumentException("an account is 12 digits, not '" + account + "'");
      }
    }
  }

  /** The impstats name of {@code account}'s write queue. */
  public static String queueName(String account) {
    return DELIVER_ACTION_PREFIX + account + " queue";
  }

  /** The rsyslog.conf text. */
  public String render() {
    List<String> lines = new ArrayList<>(List.of(
        "# orgtrail pipeline benchmark: rsyslog aggregator (generated; bench/README.md)",
        Common.global(workDir),
        "main_queue(queue.type=\"LinkedList\" queue.size=\"" + MAIN_QUEUE_MESSAGES + "\" queue.dequeueBatchSize=\""
            + Common.BATCH + "\")",
        Common.IMPSTATS,
        "module(load=\"imrelp\")",
        Common.STATS_RULESET,
        "template(name=\"line\" type=\"string\" string=\"%msg%\\n\")",
        "template(name=\"account-file\" type=\"string\" string=\"" + RsyslogText.path(outDir) + "/%app-name%/"
            + FILE_PREFIX + "%$year-utc%%$month-utc%%$day-utc%T%$hour-utc%%$minute-utc%Z" + FILE_SUFFIX + "\")",
        "ruleset(name=\"deliver\") {"));
    for (int i = 0; i < accounts.size(); i++) {
      String account = accounts.get(i);
      lines.addAll(List.of(
          "  " + (i == 0 ? "" : "else ") + "if $app-name == \"" + account + "\" then {",
          "    action(name=\"" + DELIVER_ACTION_PREFIX + account + "\" type=\"omfile\" dynaFile=\"account-file\" "
              + "template=\"line\" dynaFileCacheSize=\"4\"",
          "      zipLevel=\"6\" ioBufferSize=\"256k\" createDirs=\"on\" dirCreateMode=\"0755\" "
              + "fileCreateMode=\"0644\"",
          "      queue.type=\"LinkedList\" queue.size=\"" + ACCOUNT_QUEUE_MESSAGES + "\" queue.dequeueBatchSize=\""
              + Common.BATCH + "\" queue.timeoutEnqueue=\"86400000\")",
          "  }"));
    }
    lines.addAll(List.of(
        "  else {",
        "    stop",
        "  }",
        "}",
        "input(type=\"imrelp\" port=\"" + port + "\" address=\"127.0.0.1\" ruleset=\"deliver\" maxDataSize=\"256k\")",
        Common.INTERNAL_TO_STDOUT,
        ""));
    return String.join("\n", lines);
  }
}
