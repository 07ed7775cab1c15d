package io.orgtrail.e2e;

import io.orgtrail.access.pki.OrgCertificateAuthority;
import io.orgtrail.aggregator.access.AccessSettings;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/** The organization's CA, the access service's server identity, and people's identities, in a directory. */
final class OrgPki {
  private final Path dir;
  private final OrgCertificateAuthority ca;

  OrgPki(Path dir) throws Exception {
    this.dir = dir;
    this.ca = OrgCertificateAuthority.create(dir.resolve("ca"), OrgCluster.ORG, Clock.systemUTC(), new SecureRandom());
    ca.issueServer(List.of("localhost"), List.of("127.0.0.1"), Duration.ofDays(1), dir.resolve("server"));
  }

  /** The access service on a free loopback port with the server identity. */
  AccessSettings accessSettings() {
    Path server = dir.resolve("server");
    return new AccessSettings("127.0.0.1", 0, server.resolve("server.pem"), server.resolve("server-key.pem"),
        server.resolve("ca.pem"));
  }

  /** Issues {@code name}'s certificate; returns its identity directory (client.pem, client-key.pem, ca.pem). */
  Path person(String name, String account, String role) throws Exception {
    Path out = dir.resolve("people").resolve(name);
    ca.issueClient(account, role, name, Duration.ofDays(1), out);
    return out;
  }

  Path caDir() {
    return dir.resolve("ca");
  }
}
