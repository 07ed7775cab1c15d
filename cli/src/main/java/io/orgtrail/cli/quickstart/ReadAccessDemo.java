package io.orgtrail.cli.quickstart;

import io.orgtrail.access.client.AccessClient;
import io.orgtrail.access.client.AccessException;
import io.orgtrail.access.client.GrantedStore;
import io.orgtrail.access.pki.OrgCertificateAuthority;
import io.orgtrail.aggregator.access.AccessSettings;
import io.orgtrail.proto.v1.ReadAccessGrant;
import io.orgtrail.store.ObjectInfo;
import io.orgtrail.store.ObjectStore;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * What a member admin sees: the quickstart makes the organization's CA and a member admin's certificate, and reads
 * through the aggregator's access service as that person: its own account, then another account's (refused).
 */
final class ReadAccessDemo {
  private static final String NAME = "alice";

  private final Path pkiDir;
  private final String ownAccount;
  private final String otherAccount;
  private String ownResult;
  private String otherResult;
  private boolean ok;

  private ReadAccessDemo(Path pkiDir, String ownAccount, String otherAccount) {
    this.pkiDir = pkiDir;
    this.ownAccount = ownAccount;
    this.otherAccount = otherAccount;
  }

  /** Makes the CA, the access service's certificate and alice's, under {@code pkiDir}. */
  static ReadAccessDemo prepare(Path pkiDir, String orgId, String ownAccount, String otherAccount, Clock clock)
      throws Exception {
    OrgCertificateAuthority ca = OrgCertificateAuthority.create(pkiDir.resolve("ca"), orgId, clock, new SecureRandom());
    ca.issueServer(List.of("localhost"), List.of("127.0.0.1"), Duration.ofDays(1), pkiDir.resolve("server"));
    ca.issueClient(ownAccount, "member-admin", NAME, Duration.ofDays(1), pkiDir.resolve(NAME));
    return new ReadAccessDemo(pkiDir, ownAccount, otherAccount);
  }

  AccessSettings accessSettings() {
    Path server = pkiDir.resolve("server");
    return new AccessSettings("127.0.0.1", 0, server.resolve("server.pem"), server.resolve("server-key.pem"),
        server.resolve("ca.pem"));
  }

  /** Reads as alice through the access service at {@code port}. */
  void run(int port) throws Exception {
    try (AccessClient client = AccessClient.builder().target("127.0.0.1:" + port).identity(pkiDir.resolve(NAME)).build()) {
      ReadAccessGrant grant = client.grantReadAccess(ownAccount, Duration.ofMinutes(15));
      List<ObjectInfo> readable;
      try (ObjectStore store = GrantedStore.open(grant, client)) {
        readable = store.list(grant.getReadablePrefix());
      }
      long logFiles = readable.stream().filter(o -> o.key().contains("/CloudTrail/")).count();
      long digests = readable.stream().filter(o -> o.key().contains("/CloudTrail-Digest/")).count();
      ownResult = count(logFiles, "log file") + " and " + count(digests, "digest file") + " readable under "
          + grant.getReadablePrefix();
      try {
        client.grantReadAccess(otherAccount, Duration.ofMinutes(15));
        otherResult = "GRANTED, which must not happen";
      } catch (AccessException e) {
        otherResult = "refused: " + e.getMessage();
        ok = logFiles > 0 && readable.stream().allMatch(o -> o.key().startsWith(grant.getReadablePrefix()));
      }
    }
  }

  private static String count(long n, String what) {
    return n + " " + what + (n == 1 ? "" : "s");
  }

  /** Prints what alice could and could not read; returns whether that is what the policy says. */
  boolean print(PrintWriter out) {
    out.printf("%nRead access as a member admin (%s, member-admin of %s; certificates from the org CA in %s):%n",
        NAME, ownAccount, pkiDir.toAbsolutePath());
    out.printf("  account %s: %s%n", ownAccount, ownResult == null ? "not read (delivery did not finish)" : ownResult);
    out.printf("  account %s: %s%n", otherAccount, otherResult == null ? "not tried" : otherResult);
    return ok;
  }
}
