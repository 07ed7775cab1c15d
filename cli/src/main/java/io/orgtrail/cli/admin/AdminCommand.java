package io.orgtrail.cli.admin;

import picocli.CommandLine.Command;

@Command(
    name = "admin",
    mixinStandardHelpOptions = true,
    description = "Administration: enroll agents, list the enrolled ones, manage digest signing keys, the organization's CA and its certificates, the MinIO reader user, and the API's keys.",
    subcommands = {
      EnrollCommand.class, ListAgentsCommand.class, DigestKeysCommand.class, CaCommand.class, IssueCertCommand.class,
      MinioReaderCommand.class, ApiKeyCommand.class
    })
public final class AdminCommand implements Runnable {
  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
