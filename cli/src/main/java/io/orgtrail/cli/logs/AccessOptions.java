package io.orgtrail.cli.logs;

import io.orgtrail.access.client.AccessClient;
import io.orgtrail.access.client.AccessException;
import io.orgtrail.cli.config.ConfigException;
import io.orgtrail.cli.config.Durations;
import io.orgtrail.proto.v1.CallerIdentity;
import io.orgtrail.proto.v1.ReadAccessGrant;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** How {@code orgtrail logs} reaches the aggregator's access service, as whom, and for which account. */
public final class AccessOptions {
  static final String ACCESS_ENV = "ORGTRAIL_ACCESS";
  static final String IDENTITY_ENV = "ORGTRAIL_IDENTITY";

  @Option(names = "--access", description = "host:port of the aggregator's access service. Default $" + ACCESS_ENV + ".")
  String access;

  @Option(names = "--identity", description = "Your identity directory from 'orgtrail admin issue-cert' (client.pem, "
      + "client-key.pem, ca.pem). Default $" + IDENTITY_ENV + ".")
  Path identity;

  @Option(names = "--account", description = "The account whose logs to read. Default: your own as a member admin; "
      + "every account for the platform role.")
  String account;

  @Option(names = "--duration", description = "How long the access lasts (15m to 12h). Default 1h.")
  String duration = "1h";

  AccessClient connect() throws IOException {
    String target = access != null ? access : System.getenv(ACCESS_ENV);
    if (target == null || target.isBlank()) {
      throw new ConfigException("--access is required (or set " + ACCESS_ENV + "): the aggregator's access service, "
          + "e.g. aggregator.example.com:7443");
    }
    Path dir = identity != null ? identity : pathFromEnv();
    if (dir == null) {
      throw new ConfigException("--identity is required (or set " + IDENTITY_ENV + "): the directory with your "
          + "client.pem, client-key.pem and ca.pem, issued by 'orgtrail admin issue-cert'");
    }
    if (!Files.isDirectory(dir)) {
      throw new ConfigException("identity directory " + dir + " does not exist; ask your platform team for a "
          + "certificate ('orgtrail admin issue-cert --account <id> --role member-admin --name <you> --out <dir>')");
    }
    return AccessClient.builder().target(target).identity(dir).build();
  }

  private static Path pathFromEnv() {
    String value = System.getenv(IDENTITY_ENV);
    return value == null || value.isBlank() ? null : Path.of(value);
  }

  /** Read access to {@code --account}, or to the caller's own account when none is named. */
  ReadAccessGrant grant(AccessClient client) throws AccessException {
    String asked = account;
    if (asked == null) {
      CallerIdentity me = client.whoAmI();
      asked = me.getRole().equals("platform") ? "" : me.getAccountId();
    }
    return client.grantReadAccess(asked, Durations.parse(duration, "--duration"));
  }
}
