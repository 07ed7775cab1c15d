package io.orgtrail.cli.admin;

import io.orgtrail.access.pki.OrgCertificateAuthority;
import io.orgtrail.cli.ExitCodes;
import io.orgtrail.cli.config.Durations;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
    name = "ca",
    mixinStandardHelpOptions = true,
    description = "The organization's certificate authority: it signs the certificates that identify member admins, "
        + "the platform team and the aggregator's access service.",
    subcommands = {CaCommand.Init.class})
public final class CaCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  @Command(
      name = "init",
      mixinStandardHelpOptions = true,
      description = {
        "Creates the organization's CA in --dir: ca.pem (the certificate; give it to the aggregator and to every "
            + "certificate holder) and ca-key.pem (the private key; keep it offline, owner-only).",
        "Refuses to overwrite an existing CA: a new one would void every certificate issued so far."
      })
  public static final class Init implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--dir", required = true, description = "Directory for ca.pem and ca-key.pem.")
    Path dir;

    @Option(names = "--org-id", required = true, description = "The organization id, e.g. o-a1b2c3d4e5.")
    String orgId;

    @Option(names = "--validity", description = "How long the CA certificate lasts. Default 3650d.")
    String validity = "3650d";

    @Override
    public Integer call() throws Exception {
      OrgCertificateAuthority ca = OrgCertificateAuthority.create(dir, orgId,
          Durations.parse(validity, "--validity"), Clock.systemUTC(), new SecureRandom());
      spec.commandLine().getOut().printf(
          "created the CA of %s%n  certificate: %s (valid until %s)%n  private key: %s (owner-only; keep it offline)%n"
              + "next: orgtrail admin issue-cert --ca %s --server --host <aggregator host> --out <dir>%n",
          ca.orgId(), ca.certificateFile(), ca.certificate().getNotAfter().toInstant(),
          dir.resolve(OrgCertificateAuthority.CA_KEY), dir);
      return ExitCodes.OK;
    }
  }
}
