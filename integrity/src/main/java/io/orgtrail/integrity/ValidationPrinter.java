package io.orgtrail.integrity;

import io.orgtrail.format.digest.ChainId;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Objects;

/**
 * Prints a validation as {@code aws cloudtrail validate-logs} does: the startup line and summary on stdout, each
 * problem on stderr as it is found ({@code Digest file<TAB>s3://bucket/key<TAB>INVALID: not found}), valid files on
 * stdout only when verbose; then lines for what only this validator checks. Optionally a progress line on stderr at
 * most once a second (for a terminal). Register it as the validator's listener.
 *
 * <pre>{@code
 * ValidationPrinter printer = ValidationPrinter.builder().verbose(verbose).progress(stderrIsTerminal).build();
 * printer.printStartup(trail.arn(), start, end);
 * ValidationReport report = LogValidator.builder()...listener(printer).build().validate(request);
 * printer.printSummary(report);
 * return report.isClean() ? 0 : 1;
 * }</pre>
 */
public final class ValidationPrinter implements ValidationListener {
  private static final Duration PROGRESS_EVERY = Duration.ofSeconds(1);

  private final PrintStream out;
  private final PrintStream err;
  private final boolean verbose;
  private final boolean progress;
  private final Clock clock;
  // As the AWS CLI: an error line is set apart by blank lines, without doubling them.
  private boolean lastStatusDoubleSpace = true;
  private long digestsChecked;
  private long logFilesChecked;
  private ChainId currentChain;
  private Instant lastProgress;

  private ValidationPrinter(Builder b) {
    this.out = b.out;
    this.err = b.err;
    this.verbose = b.verbose;
    this.progress = b.progress;
    this.clock = b.clock;
    this.lastProgress = clock.instant();
  }

  public static Builder builder() {
    return new Builder();
  }

  /** {@code Validating log files for trail <arn> between <start> and <end>} and a blank line, on stdout. */
  public synchronized void printStartup(String trailArn, Instant start, Instant end) {
    out.print("Validating log files for trail " + trailArn + " between " + DisplayTime.format(start) + " and "
        + DisplayTime.format(end) + "\n\n");
    out.flush();
    lastProgress = clock.instant();
  }

  @Override
  public synchronized void chainStarted(ChainId chain) {
    currentChain = chain;
  }

  @Override
  public synchronized void digestValid(ChainId chain, String bucket, String key) {
    digestsChecked++;
    status("Digest file\ts3://" + bucket + "/" + key + "\tvalid", false);
    maybeProgress();
  }

  @Override
  public synchronized void logFileValid(ChainId chain, String bucket, String key) {
    logFilesChecked++;
    status("Log file\ts3://" + bucket + "/" + key + "\tvalid", false);
    maybeProgress();
  }

  @Override
  public synchronized void problem(Problem problem) {
    switch (problem.kind().subject()) {
      case DIGEST -> digestsChecked++;
      case LOG_FILE -> logFilesChecked++;
      default -> { }
    }
    boolean toStderr = problem.kind().isError() || problem.kind() == ProblemKind.CHAIN_GAP;
    status(problem.line(), toStderr);
    maybeProgress();
  }

  /** The AWS CLI's summary, then one line per kind of finding only this validator makes. */
  public synchronized void printSummary(ValidationReport report) {
    StringBuilder s = new StringBuilder();
    if (!lastStatusDoubleSpace) {
      s.append('\n');
    }
    s.append("Results requested for ").append(DisplayTime.format(report.requestedStart())).append(" to ")
        .append(DisplayTime.format(report.requestedEnd())).append('\n');
    ValidationCounts c = report.counts();
    if (c.digests() == 0) {
      s.append("No digests found\n");
    } else {
      if (report.foundStart() == null || report.foundEnd() == null) {
        s.append("No valid digests found in range\n");
      } else {
        s.append("Results found for ").append(DisplayTime.format(report.foundStart())).append(" to ")
            .append(DisplayTime.format(report.foundEnd())).append(":\n");
      }
      ratio(s, c.digestsValid(), c.digestsInvalid(), "digest");
      ratio(s, c.logFilesValid(), c.logFilesInvalid(), "log");
      s.append('\n');
    }
    String extra = extraLines(c);
    if (!extra.isEmpty()) {
      s.append("\nBeyond the AWS CLI's checks (").append(report.chains().size()).append(' ')
          .append(report.chains().size() == 1 ? "chain" : "chains").append("):\n").append(extra);
    }
    out.print(s);
    out.flush();
  }

  private static String extraLines(ValidationCounts c) {
    StringBuilder s = new StringBuilder();
    line(s, c.logFilesUnlisted(), "log file", "log files", "not listed in any digest (added)");
    line(s, c.logFilesCopied(), "log file", "log files", "copied from a listed log file to another key");
    line(s, c.logFilesMoved(), "log file", "log files", "moved from a listed log file that is missing");
    line(s, c.logFilesNotCovered(), "log file", "log files",
        "NOT VERIFIED: no valid digest covers the time they were delivered");
    line(s, c.digestsMissing(), "digest file", "digest files", "missing (counted above as INVALID)");
    line(s, c.chainGaps(), "chain gap", "chain gaps", "where logging stopped and a new digest chain began");
    line(s, c.chainsTruncated(), "chain", "chains", "TRUNCATED: witnessed digests are missing at the tail");
    if (c.witnessesChecked() > 0) {
      s.append(c.witnessesChecked()).append(c.witnessesChecked() == 1 ? " witness" : " witnesses")
          .append(" checked").append(c.witnessesInvalid() > 0 ? ", " + c.witnessesInvalid() + " INVALID" : "")
          .append('\n');
    }
    line(s, c.failures(), "listing or chain", "listings or chains", "FAILED: see the messages above");
    line(s, c.logFilesNotYetCovered(), "log file", "log files",
        "not yet covered: delivered after the newest digest (the next digest will list them)");
    return s.toString();
  }

  private static void line(StringBuilder s, int n, String one, String many, String what) {
    if (n > 0) {
      s.append(String.format(Locale.US, "%,d", n)).append(' ').append(n == 1 ? one : many).append(' ')
          .append(what).append('\n');
    }
  }

  private static void ratio(StringBuilder s, int valid, int invalid, String name) {
    int total = valid + invalid;
    if (total > 0) {
      s.append('\n').append(valid).append('/').append(total).append(' ').append(name).append(" files valid");
      if (invalid > 0) {
        s.append(", ").append(invalid).append('/').append(total).append(' ').append(name).append(" files INVALID");
      }
    }
  }

  private void status(String message, boolean isError) {
    if (isError) {
      err.print((lastStatusDoubleSpace ? "" : "\n") + message + "\n\n");
      err.flush();
      lastStatusDoubleSpace = true;
    } else if (verbose) {
      lastStatusDoubleSpace = false;
      out.print(message + "\n");
      out.flush();
    }
  }

  private void maybeProgress() {
    if (!progress) {
      return;
    }
    Instant now = clock.instant();
    if (Duration.between(lastProgress, now).compareTo(PROGRESS_EVERY) < 0) {
      return;
    }
    lastProgress = now;
    err.print(String.format(Locale.US, "checked %,d digests, %,d log files%s ...%n", digestsChecked, logFilesChecked,
        currentChain == null ? "" : " (now " + currentChain + ")"));
    err.flush();
    lastStatusDoubleSpace = false;
  }

  /** Configures a {@link ValidationPrinter}: stdout, stderr, not verbose, no progress, the system clock. */
  public static final class Builder {
    private PrintStream out = System.out;
    private PrintStream err = System.err;
    private boolean verbose;
    private boolean progress;
    private Clock clock = Clock.systemUTC();

    private Builder() {}

    public Builder out(PrintStream out) {
      this.out = Objects.requireNonNull(out, "out");
      return this;
    }

    public Builder err(PrintStream err) {
      this.err = Objects.requireNonNull(err, "err");
      return this;
    }

    /** Also print every valid digest and log file (and log files not yet covered), as {@code --verbose}. */
    public Builder verbose(boolean verbose) {
      this.verbose = verbose;
      return this;
    }

    /** Print a progress line to stderr at most once a second; for a terminal. */
    public Builder progress(boolean progress) {
      this.progress = progress;
      return this;
    }

    /** The clock that paces progress lines. */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    public ValidationPrinter build() {
      return new ValidationPrinter(this);
    }
  }
}
