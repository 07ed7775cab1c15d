package io.orgtrail.cli.logs;

import io.orgtrail.access.client.AccessClient;
import io.orgtrail.cli.ExitCodes;
import io.orgtrail.proto.v1.CallerIdentity;
import java.time.Instant;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(name = "whoami", mixinStandardHelpOptions = true,
    description = "Prints who the access service takes you for: your principal, account, role and certificate.")
public final class WhoAmICommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin AccessOptions options;

  @Override
  public Integer call() throws Exception {
    try (AccessClient client = options.connect()) {
      CallerIdentity me = client.whoAmI();
      spec.commandLine().getOut().printf("%s%n  name: %s%n  account: %s%n  role: %s%n  certificate: serial %s, "
              + "valid until %s%n", me.getPrincipalArn(), me.getName(), me.getAccountId(), me.getRole(),
          me.getCertificateSerial(), Instant.ofEpochMilli(me.getCertificateExpirationEpochMillis()));
    }
    return ExitCodes.OK;
  }
}
