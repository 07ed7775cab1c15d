package io.orgtrail.cli.policy;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(
    name = "policy",
    mixinStandardHelpOptions = true,
    description = "The S3/IAM policy language: check policies, decide requests as AWS would, and generate the trail's policies.",
    subcommands = {PolicyLintCommand.class, PolicyEvalCommand.class, PolicyGenerateCommand.class})
public final class PolicyCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
