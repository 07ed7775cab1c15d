package io.orgtrail.cli.admin;

import io.orgtrail.aggregator.registry.AgentRegistry;
import io.orgtrail.cli.ExitCodes;
import io.orgtrail.format.batch.AgentCredentials;
import io.orgtrail.format.layout.AccountId;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(
    name = "enroll",
    mixinStandardHelpOptions = true,
    description = {
      "Enrolls a new agent for an account: creates its Ed25519 key pair, registers the public key in the "
          + "aggregator's registry (bound to the account), and writes the agent's key file.",
      "The aggregator picks up new registry entries without a restart."
    })
public final class EnrollCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--account", required = true, description = "The member account the agent logs for (12 digits).")
  String account;

  @Option(
      names = "--registry-dir",
      required = true,
      description = "The aggregator's registry directory (its registryDir setting).")
  Path registryDir;

  @Option(names = "--out", required = true, description = "Where to write the agent's key file (keep it secret).")
  Path out;

  @Option(names = "--force", description = "Overwrite an existing key file at --out.")
  boolean force;

  @Override
  public Integer call() throws Exception {
    AccountId.require(account);
    if (Files.exists(out) && !force) {
      throw new IllegalArgumentException(
          "key file " + out + " already exists; choose another --out, or pass --force to replace it");
    }
    AgentCredentials credentials = new AgentRegistry(registryDir, Clock.systemUTC()).enroll(account, new SecureRandom());
    credentials.write(out);
    spec.commandLine().getOut().printf(
        "enrolled agent %s for account %s%n  registry entry: %s%n  agent key file: %s%n",
        credentials.agentId(), account, registryDir.resolve(credentials.agentId() + ".json"), out);
    return ExitCodes.OK;
  }
}
