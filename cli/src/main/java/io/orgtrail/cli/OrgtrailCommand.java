package io.orgtrail.cli;

import io.orgtrail.cli.admin.AdminCommand;
import io.orgtrail.cli.agent.AgentCommand;
import io.orgtrail.cli.history.HistoryCommand;
import io.orgtrail.cli.history.LookupEventsCommand;
import io.orgtrail.cli.aggregator.AggregatorCommand;
import io.orgtrail.cli.policy.PolicyCommand;
import io.orgtrail.cli.logs.LogsCommand;
import io.orgtrail.cli.quickstart.QuickstartCommand;
import io.orgtrail.cli.validate.ValidateLogsCommand;
import picocli.CommandLine.Command;

@Command(
    name = "orgtrail",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "A self-hosted organization trail: CloudTrail-format audit logs for many accounts in one bucket.",
    subcommands = {
      QuickstartCommand.class,
      AggregatorCommand.class,
      AgentCommand.class,
      AdminCommand.class,
      ValidateLogsCommand.class,
      LookupEventsCommand.class,
      HistoryCommand.class,
      LogsCommand.class,
      PolicyCommand.class,
      picocli.CommandLine.HelpCommand.class
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:success", "1:the work failed (see the message)", "2:bad usage or configuration"})
public final class OrgtrailCommand implements Runnable {
  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
