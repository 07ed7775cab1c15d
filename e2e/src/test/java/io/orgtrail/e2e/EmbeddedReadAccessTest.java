package io.orgtrail.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.orgtrail.agent.GeneratorSettings;
import io.orgtrail.store.LocalDirectoryStore;
import io.orgtrail.store.ObjectInfo;
import io.orgtrail.testkit.Await;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded store has no S3 credentials to hand out: the access service itself lists and reads for a member
 * admin, under the same policy. Everything a person types is the real {@code orgtrail} command as a process: the CA,
 * the certificates, and {@code orgtrail logs}.
 */
class EmbeddedReadAccessTest {
  static final String ALICE_ACCOUNT = "333300003333";
  static final String BOB_ACCOUNT = "444400004444";

  @TempDir Path dir;

  @Test
  void aMemberAdminListsReadsAndValidatesItsOwnAccountAndNothingElse() throws Exception {
    Path logs = dir.resolve("logs");
    Path ca = dir.resolve("ca");
    Path server = dir.resolve("server");
    Path alice = dir.resolve("alice");
    ok(OrgtrailProcess.run(logs, "ca-init", Duration.ofSeconds(60), Map.of(),
        "admin", "ca", "init", "--dir", ca.toString(), "--org-id", OrgCluster.ORG), "created the CA of " + OrgCluster.ORG);
    ok(OrgtrailProcess.run(logs, "server-cert", Duration.ofSeconds(60), Map.of(),
        "admin", "issue-cert", "--ca", ca.toString(), "--server", "--host", "localhost", "--host", "127.0.0.1",
        "--out", server.toString()), "issued the access service's certificate");
    ok(OrgtrailProcess.run(logs, "alice-cert", Duration.ofSeconds(60), Map.of(),
        "admin", "issue-cert", "--ca", ca.toString(), "--account", ALICE_ACCOUNT, "--role", "member-admin",
        "--name", "alice", "--out", alice.toString()), "as member-admin of account " + ALICE_ACCOUNT);

    LocalDirectoryStore store = new LocalDirectoryStore(dir.resolve("bucket"));
    try (OrgCluster cluster = new OrgCluster(dir.resolve("org"), store, Duration.ofSeconds(1),
        c -> c.digestPeriod(Duration.ofSeconds(1)).access(new io.orgtrail.aggregator.access.AccessSettings(
            "127.0.0.1", 0, server.resolve("server.pem"), server.resolve("server-key.pem"), server.resolve("ca.pem"))))) {
      cluster.startAgent(ALICE_ACCOUNT, b -> b.generator(new GeneratorSettings(500, 200, List.of("us-east-1"))));
      cluster.startAgent(BOB_ACCOUNT, b -> b.generator(new GeneratorSettings(500, 200, List.of("us-east-1"))));
      Await.until(Duration.ofSeconds(60), () -> cluster.acknowledgedEvents() >= 400 && cluster.allAcknowledged()
              && cluster.aggregator().stats().digestsWritten() >= 2,
          () -> "events acknowledged and digests written: " + cluster.aggregator().stats());
      Map<String, String> env = Map.of("ORGTRAIL_ACCESS", "127.0.0.1:" + cluster.aggregator().accessPort().orElseThrow(),
          "ORGTRAIL_IDENTITY", alice.toString());
      String alicePrefix = "AWSLogs/" + OrgCluster.ORG + "/" + ALICE_ACCOUNT + "/";
      String aliceKey = store.list(alicePrefix + "CloudTrail/").get(0).key();
      String bobKey = store.list("AWSLogs/" + OrgCluster.ORG + "/" + BOB_ACCOUNT + "/CloudTrail/").get(0).key();

      ok(OrgtrailProcess.run(logs, "whoami", Duration.ofSeconds(60), env, "logs", "whoami"),
          "arn:aws:iam::" + ALICE_ACCOUNT + ":role/member-admin");
      // Digests keep arriving every second: what ls prints lies between the store before and after it.
      List<String> before = store.list(alicePrefix).stream().map(ObjectInfo::key).toList();
      OrgtrailProcess.Result ls = ok(OrgtrailProcess.run(logs, "ls", Duration.ofSeconds(60), env, "logs", "ls"), aliceKey);
      List<String> after = store.list(alicePrefix).stream().map(ObjectInfo::key).toList();
      List<String> listed = ls.output().lines().filter(l -> l.contains(" AWSLogs/"))
          .map(l -> l.substring(l.indexOf("AWSLogs/"))).toList();
      assertThat(listed).containsAll(before).allMatch(after::contains);
      assertThat(ls.output()).contains("Total Objects: " + listed.size()).doesNotContain(BOB_ACCOUNT + "_CloudTrail");
      OrgtrailProcess.Result get = ok(OrgtrailProcess.run(logs, "get", Duration.ofSeconds(60), env, "logs", "get", aliceKey),
          "{\"Records\":[");
      assertThat(get.output()).contains("\"recipientAccountId\":\"" + ALICE_ACCOUNT + "\"");
      ok(OrgtrailProcess.run(logs, "validate", Duration.ofSeconds(90), env, "logs", "validate"), "log files valid");

      OrgtrailProcess.Result otherAccount = OrgtrailProcess.run(logs, "ls-bob", Duration.ofSeconds(60), env,
          "logs", "ls", "--account", BOB_ACCOUNT);
      assertThat(otherAccount.exitCode()).as(otherAccount.output()).isEqualTo(1);
      assertThat(otherAccount.output()).contains("may read only account " + ALICE_ACCOUNT + "'s logs; it asked for " + BOB_ACCOUNT);
      OrgtrailProcess.Result otherObject = OrgtrailProcess.run(logs, "get-bob", Duration.ofSeconds(60), env,
          "logs", "get", bobKey);
      assertThat(otherObject.exitCode()).as(otherObject.output()).isEqualTo(1);
      assertThat(otherObject.output()).contains(bobKey).doesNotContain("{\"Records\"");
      OrgtrailProcess.Result noS3 = OrgtrailProcess.run(logs, "env", Duration.ofSeconds(60), env, "logs", "env");
      assertThat(noS3.exitCode()).as(noS3.output()).isEqualTo(1);
      assertThat(noS3.output()).contains("no S3 credentials").contains("orgtrail logs ls");
      OrgtrailProcess.Result noIdentity = OrgtrailProcess.run(logs, "no-identity", Duration.ofSeconds(60),
          Map.of("ORGTRAIL_ACCESS", env.get("ORGTRAIL_ACCESS")), "logs", "ls");
      assertThat(noIdentity.exitCode()).as(noIdentity.output()).isEqualTo(2);
      assertThat(noIdentity.output()).contains("--identity is required");
      assertThat(store.list("")).extracting(ObjectInfo::key).allMatch(k -> k.startsWith("AWSLogs/" + OrgCluster.ORG + "/"));
      assertThat(Files.exists(dir.resolve("bucket"))).isTrue();
    }
  }

  private static OrgtrailProcess.Result ok(OrgtrailProcess.Result r, String expected) {
    assertThat(r.exitCode()).as(r.output()).isZero();
    assertThat(r.output()).contains(expected);
    return r;
  }
}
