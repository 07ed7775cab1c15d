package io.orgtrail.cli.logs;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(
    name = "logs",
    mixinStandardHelpOptions = true,
    description = {
      "Reads delivered logs as a member-account admin (your own account) or the platform team (every account), "
          + "with the certificate 'orgtrail admin issue-cert' gave you.",
      "The aggregator's access service checks who you are and what you may read; on MinIO it hands out temporary "
          + "credentials that MinIO itself limits to what you may read."
    },
    subcommands = {
      WhoAmICommand.class, ListCommand.class, GetCommand.class, ValidateCommand.class, EnvCommand.class
    })
public final class LogsCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
