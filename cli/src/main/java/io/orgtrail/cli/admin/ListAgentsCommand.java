package io.orgtrail.cli.admin;

import io.orgtrail.aggregator.registry.AgentRegistry;
import io.orgtrail.aggregator.registry.EnrolledAgent;
import io.orgtrail.cli.ExitCodes;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "list-agents", mixinStandardHelpOptions = true, description = "Lists the enrolled agents.")
public final class ListAgentsCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--registry-dir", required = true, description = "The aggregator's registry directory.")
  Path registryDir;

  @Override
  public Integer call() throws Exception {
    List<EnrolledAgent> agents = new AgentRegistry(registryDir, Clock.systemUTC()).list();
    var out = spec.commandLine().getOut();
    out.printf("%-22s %-14s %s%n", "AGENT", "ACCOUNT", "ENROLLED");
    agents.stream()
        .sorted(Comparator.comparing(EnrolledAgent::accountId).thenComparing(EnrolledAgent::agentId))
        .forEach(a -> out.printf("%-22s %-14s %s%n", a.agentId(), a.accountId(), a.enrolledAt()));
    return ExitCodes.OK;
  }
}
