package io.orgtrail.cli.admin;

import io.orgtrail.access.pki.IssuedIdentity;
import io.orgtrail.access.pki.OrgCertificateAuthority;
import io.orgtrail.cli.ExitCodes;
import io.orgtrail.cli.config.Durations;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
    name = "issue-cert",
    mixinStandardHelpOptions = true,
    description = {
      "Issues a certificate signed by the organization's CA into --out.",
      "For a person: --account, --role (member-admin reads its own account's logs; platform reads every account's) "
          + "and --name; writes client.pem, client-key.pem and ca.pem, the identity 'orgtrail logs --identity' uses.",
      "For the aggregator's access service: --server with every --host clients use; writes server.pem, "
          + "server-key.pem and ca.pem."
    })
public final class IssueCertCommand implements Callable<Integer> {
  private static final Pattern IP = Pattern.compile("[0-9.]+|.*:.*");

  @Spec CommandSpec spec;

  @Option(names = "--ca", required = true, description = "The CA directory ('orgtrail admin ca init --dir').")
  Path caDir;

  @Option(names = "--out", required = true, description = "Directory to write the certificate, key and ca.pem to.")
  Path out;

  @Option(names = "--validity", description = "How long the certificate lasts. Default 30d for people, 365d for servers.")
  String validity;

  @ArgGroup(exclusive = true, multiplicity = "1")
  Kind kind;

  static final class Kind {
    @ArgGroup(exclusive = false)
    Person person;

    @ArgGroup(exclusive = false)
    Server server;
  }

  static final class Person {
    @Option(names = "--account", required = true, description = "The holder's account (12 digits).")
    String account;

    @Option(names = "--role", required = true, description = "member-admin or platform.")
    String role;

    @Option(names = "--name", required = true, description = "Who holds it, e.g. alice (shown in the aggregator's audit log).")
    String name;
  }

  static final class Server {
    @Option(names = "--server", required = true, description = "Issue the access service's server certificate.")
    boolean server;

    @Option(names = "--host", required = true, description = "A DNS name or IP address clients reach the service "
        + "at; repeat for several (e.g. --host localhost --host 127.0.0.1).")
    List<String> hosts = new ArrayList<>();
  }

  @Override
  public Integer call() throws Exception {
    OrgCertificateAuthority ca = OrgCertificateAuthority.load(caDir);
    IssuedIdentity issued;
    if (kind.server != null) {
      List<String> dns = new ArrayList<>();
      List<String> ips = new ArrayList<>();
      for (String host : kind.server.hosts) {
        (IP.matcher(host).matches() ? ips : dns).add(host);
      }
      issued = ca.issueServer(dns, ips, validity("365d"), out);
      spec.commandLine().getOut().printf("issued the access service's certificate for %s (serial %s, valid until %s)%n"
              + "  %s%n  %s%n  %s%n", kind.server.hosts, issued.serialHex(), issued.notAfter(),
          issued.certificateFile(), issued.privateKeyFile(), issued.caFile());
    } else {
      Person p = kind.person;
      issued = ca.issueClient(p.account, p.role, p.name, validity("30d"), out);
      spec.commandLine().getOut().printf("issued %s's certificate as %s of account %s (serial %s, valid until %s)%n"
              + "  %s%n  %s%n  %s%n"
              + "use it: orgtrail logs ls --access <aggregator>:<port> --identity %s --account %s%n",
          p.name, p.role, p.account, issued.serialHex(), issued.notAfter(), issued.certificateFile(),
          issued.privateKeyFile(), issued.caFile(), out, p.account);
    }
    return ExitCodes.OK;
  }

  private Duration validity(String fallback) {
    return Durations.parse(validity == null ? fallback : validity, "--validity");
  }
}
