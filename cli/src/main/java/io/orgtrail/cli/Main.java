package io.orgtrail.cli;

import io.orgtrail.cli.config.ConfigException;
import picocli.CommandLine;

/** Entry point of {@code bin/orgtrail}. Exit codes: 0 success, 1 the work failed, 2 bad usage or configuration. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    System.exit(run(args));
  }

  public static int run(String... args) {
    return run(new CommandLine(new OrgtrailCommand()), args);
  }

  /** Runs {@code cli} (e.g. with its output captured) with the exit codes and error handling of the command. */
  public static int run(CommandLine cli, String... args) {
    cli.setExecutionExceptionHandler(
        (e, commandLine, parseResult) -> {
          if (e instanceof ConfigException || e instanceof IllegalArgumentException) {
            commandLine.getErr().println("orgtrail " + commandLine.getCommandName() + ": " + e.getMessage());
            return ExitCodes.USAGE;
          }
          if (e instanceof UserFacingException
              || e instanceof io.orgtrail.access.client.AccessException
              || e instanceof java.io.IOException
              || e instanceof io.orgtrail.store.StoreException) {
            commandLine.getErr().println("orgtrail " + commandLine.getCommandName() + ": " + e.getMessage());
            return ExitCodes.FAILED;
          }
          throw e;
        });
    return cli.execute(args);
  }
}
