package io.orgtrail.cli.admin;

import io.orgtrail.cli.ExitCodes;
import io.orgtrail.cloudtrailapi.auth.ApiKeysFile;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
    name = "api-key",
    mixinStandardHelpOptions = true,
    description = {
      "Adds a key pair to the aggregator's API keys file (its apiKeysFile setting; created owner-only): requests "
          + "signed with it (SigV4, e.g. by the AWS CLI) may call LookupEvents and GetEventSelectors, and, for a key "
          + "that sees every account, PutEventSelectors.",
      "The secret is printed once. The aggregator reads the file when it starts."
    })
public final class ApiKeyCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--file", required = true, description = "The API keys file, e.g. orgtrail-data/api-keys.json.")
  Path file;

  @Option(names = "--name", required = true, description = "Who holds the key, e.g. platform-team or alice.")
  String name;

  @Option(names = "--account", split = ",", description = "The account(s) whose events the key sees. "
      + "Default: every account (the platform team).")
  List<String> accounts = new ArrayList<>();

  @Override
  public Integer call() throws Exception {
    ApiKeysFile.NewKey key = ApiKeysFile.addKey(file, name, Set.copyOf(accounts), new SecureRandom());
    spec.commandLine().getOut().printf("added API key %s for %s (%s) to %s%n"
            + "export AWS_ACCESS_KEY_ID=%s AWS_SECRET_ACCESS_KEY=%s%n",
        key.accessKeyId(), name, accounts.isEmpty() ? "every account" : "accounts " + String.join(", ", accounts),
        file, key.accessKeyId(), key.secretAccessKey());
    return ExitCodes.OK;
  }
}
