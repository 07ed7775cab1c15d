package io.orgtrail.bench.common;

import picocli.CommandLine;

/** What the benchmarks' command lines share: exit codes, error handling and quiet logs. */
public final class BenchCommandLine {
  /** The exit code of a run that failed (or was refused); 0 is a run with figures whose checks passed. */
  public static final int FAILED = 1;

  private BenchCommandLine() {}

  /**
   * Makes the benchmark's own INFO logs (agent enrolment, the MinIO SDK) WARN unless asked otherwise: they would
   * drown its progress lines. Logback reads this where the CLI's logback.xml says ${ORGTRAIL_LOG_LEVEL:-INFO}, so
   * it must be set before the first logger is made.
   */
  public static void quietLogsByDefault() {
    if (System.getenv("ORGTRAIL_LOG_LEVEL") == null && System.getProperty("ORGTRAIL_LOG_LEVEL") == null) {
      System.setProperty("ORGTRAIL_LOG_LEVEL", "WARN");
    }
  }

  /**
   * The command line of {@code bench}: an unexpected exception exits with {@link #FAILED}, saying
   * "{@code name}: failed:" and the stack trace on stderr.
   */
  public static CommandLine of(Object bench, String name) {
    CommandLine cli = new CommandLine(bench);
    cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
      commandLine.getErr().println(name + ": failed: " + e);
      e.printStackTrace(commandLine.getErr());
      return FAILED;
    });
    return cli;
  }
}
