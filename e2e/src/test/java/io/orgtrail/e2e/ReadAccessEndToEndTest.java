package io.orgtrail.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.grpc.Status;
import io.minio.MinioClient;
import io.minio.PutObjectArgs;
import io.minio.RemoveObjectArgs;
import io.minio.credentials.StaticProvider;
import io.minio.errors.ErrorResponseException;
import io.orgtrail.access.client.AccessClient;
import io.orgtrail.access.client.AccessException;
import io.orgtrail.access.client.GrantedStore;
import io.orgtrail.agent.GeneratorSettings;
import io.orgtrail.aggregator.access.ReadCredentials;
import io.orgtrail.proto.v1.ReadAccessGrant;
import io.orgtrail.proto.v1.S3Credentials;
import io.orgtrail.store.MinioStore;
import io.orgtrail.store.ObjectInfo;
import io.orgtrail.store.ObjectStore;
import io.orgtrail.history.EventHistory;
import io.orgtrail.store.StoreException;
import io.orgtrail.store.sts.MinioSts;
import io.orgtrail.testkit.Await;
import io.orgtrail.testkit.MinioExtension;
import io.orgtrail.testkit.MinioServer;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * Role-scoped read access against a real MinIO: a member admin's certificate gets temporary credentials from
 * MinIO's STS with a session policy for its own account; MinIO itself refuses everything else, for our store and
 * for the AWS CLI alike. The credentials are issued in the name of a reader user made by
 * {@code orgtrail admin minio-reader}, so no grant can ever write.
 */
class ReadAccessEndToEndTest {
  @RegisterExtension static MinioExtension minio = new MinioExtension();
  static final String BUCKET = "read-access";
  static final String ALICE_ACCOUNT = "111100001111";
  static final String BOB_ACCOUNT = "222200002222";
  static final String MANAGEMENT = "999900009999";
  static final String READER = "orgtrail-reader";
  static final String READER_SECRET = "reader-secret-e2e-0001";

  @TempDir Path dir;

  /** The reader user, as the platform team creates it: the real command, as a process. */
  static void createReader(Path dir, MinioServer server) throws Exception {
    OrgtrailProcess.Result reader = OrgtrailProcess.run(dir.resolve("logs"), "minio-reader", Duration.ofSeconds(60),
        Map.of("MINIO_ROOT_USER", server.accessKey(), "MINIO_ROOT_PASSWORD", server.secretKey()),
        "admin", "minio-reader", "--endpoint", server.endpoint(), "--bucket", BUCKET, "--org-id", OrgCluster.ORG,
        "--user", READER, "--secret", READER_SECRET);
    assertThat(reader.exitCode()).as(reader.output()).isZero();
    assertThat(reader.output()).contains("MinIO user " + READER + " may now only read s3://" + BUCKET + "/");
  }

  static MinioStore rootStore(MinioServer server) {
    return MinioStore.builder().endpoint(server.endpoint()).credentials(server.accessKey(), server.secretKey())
        .bucket(BUCKET).region("us-east-1").build();
  }

  static ReadCredentials readerCredentials(MinioServer server) {
    MinioSts sts = MinioSts.builder().endpoint(server.endpoint()).credentials(READER, READER_SECRET).build();
    return new ReadCredentials(sts::assumeRole, server.endpoint(), "us-east-1");
  }

  @Test
  void memberAdminsReadOnlyTheirOwnPrefixEnforcedByMinioForOurClientAndTheAwsCli() throws Exception {
    MinioServer server = minio.server();
    OrgPki pki = new OrgPki(dir.resolve("pki"));
    Path alice = pki.person("alice", ALICE_ACCOUNT, "member-admin");
    Path pat = pki.person("pat", MANAGEMENT, "platform");
    ListAppender<ILoggingEvent> denials = capture("io.orgtrail.access.server.ReadAuthorizer");
    try (MinioStore root = rootStore(server)) {
      root.open();
      createReader(dir, server);
      try (EventHistory history = EventHistory.open(dir.resolve("history"), java.time.Clock.systemUTC());
          OrgCluster cluster = new OrgCluster(dir.resolve("org"), root, Duration.ofSeconds(1),
          c -> c.digestPeriod(Duration.ofSeconds(1)).access(pki.accessSettings()).api("127.0.0.1", 0),
          b -> b.readCredentials(readerCredentials(server)).eventHistory(history))) {
        cluster.startAgent(ALICE_ACCOUNT, b -> b.generator(new GeneratorSettings(500, 300, List.of("us-east-1", "eu-west-1"))));
        cluster.startAgent(BOB_ACCOUNT, b -> b.generator(new GeneratorSettings(500, 300, List.of("us-east-1"))));
        Await.until(Duration.ofSeconds(60), () -> cluster.acknowledgedEvents() >= 600 && cluster.allAcknowledged()
                && cluster.aggregator().stats().digestsWritten() >= 3,
            () -> "both agents' events acknowledged and digests written: " + cluster.aggregator().stats());
        String target = "127.0.0.1:" + cluster.aggregator().accessPort().orElseThrow();
        String alicePrefix = "AWSLogs/" + OrgCluster.ORG + "/" + ALICE_ACCOUNT + "/";
        String bobPrefix = "AWSLogs/" + OrgCluster.ORG + "/" + BOB_ACCOUNT + "/";
        String bobKey = root.list(bobPrefix + "CloudTrail/").get(0).key();

        try (AccessClient client = AccessClient.builder().target(target).identity(alice).build()) {
          ReadAccessGrant grant = client.grantReadAccess(ALICE_ACCOUNT, Duration.ofMinutes(15));
          assertThat(grant.hasS3()).isTrue();
          assertThat(grant.getReadablePrefix()).isEqualTo(alicePrefix);
          S3Credentials s3 = grant.getS3();
          assertThat(s3.getAccessKeyId()).isNotEqualTo(READER).isNotEqualTo(server.accessKey());

          // Our client, on the credentials alone.
          String aliceKey;
          try (ObjectStore granted = GrantedStore.open(grant, client)) {
            List<ObjectInfo> own = granted.list(alicePrefix);
            assertThat(own).extracting(ObjectInfo::key)
                .anyMatch(k -> k.contains("/CloudTrail/us-east-1/"))
                .anyMatch(k -> k.contains("/CloudTrail/eu-west-1/"))
                .anyMatch(k -> k.contains("/CloudTrail-Digest/"))
                .allMatch(k -> k.startsWith(alicePrefix));
            aliceKey = own.stream().map(ObjectInfo::key).filter(k -> k.contains("/CloudTrail/")).findFirst().orElseThrow();
            assertThat(granted.get(aliceKey)).isPresent();
            for (String prefix : List.of("", "AWSLogs/", "AWSLogs/" + OrgCluster.ORG + "/", bobPrefix,
                "AWSLogs/" + OrgCluster.ORG + "/1111")) {
              assertThatThrownBy(() -> granted.list(prefix)).as("listing '%s'", prefix)
                  .isInstanceOf(StoreException.class).hasMessageContaining("AccessDenied");
            }
            assertThatThrownBy(() -> granted.get(bobKey)).isInstanceOf(StoreException.class).hasMessageContaining("AccessDenied");
          }
          MinioClient raw = MinioClient.builder().endpoint(s3.getEndpoint()).region("us-east-1")
              .credentialsProvider(new StaticProvider(s3.getAccessKeyId(), s3.getSecretAccessKey(), s3.getSessionToken()))
              .build();
          assertAccessDenied(() -> raw.putObject(PutObjectArgs.builder().bucket(BUCKET).object(alicePrefix + "planted.json")
              .stream(new ByteArrayInputStream(new byte[] {'{', '}'}), 2, -1).build()));
          assertAccessDenied(() -> raw.removeObject(RemoveObjectArgs.builder().bucket(BUCKET).object(aliceKey).build()));

          // The AWS CLI from PyPI, an independent client, with the same credentials.
          AwsCli aws = AwsCli.withSessionCredentials(s3.getEndpoint(), s3.getAccessKeyId(), s3.getSecretAccessKey(),
              s3.getSessionToken(), Files.createDirectories(dir.resolve("aws")));
          AwsCli.Result ls = aws.run(List.of("s3", "ls", "s3://" + BUCKET + "/" + alicePrefix, "--recursive"));
          assertThat(ls.exitCode()).as(ls.all()).isZero();
          assertThat(ls.stdout()).contains(aliceKey).doesNotContain(BOB_ACCOUNT + "_CloudTrail");
          Path copy = dir.resolve("copy.json.gz");
          AwsCli.Result cp = aws.run(List.of("s3", "cp", "s3://" + BUCKET + "/" + aliceKey, copy.toString()));
          assertThat(cp.exitCode()).as(cp.all()).isZero();
          assertThat(Files.readAllBytes(copy)).isEqualTo(root.get(aliceKey).orElseThrow().content());
          for (String denied : List.of("s3://" + BUCKET + "/", "s3://" + BUCKET + "/" + bobPrefix,
              "s3://" + BUCKET + "/AWSLogs/" + OrgCluster.ORG + "/")) {
            AwsCli.Result r = aws.run(List.of("s3", "ls", denied));
            assertThat(r.exitCode()).as(denied + ": " + r.all()).isNotZero();
            assertThat(r.stderr()).as(denied).contains("AccessDenied");
          }
          AwsCli.Result otherObject = aws.run(List.of("s3", "cp", "s3://" + BUCKET + "/" + bobKey, dir.resolve("bob").toString()));
          assertThat(otherObject.exitCode()).as(otherObject.all()).isNotZero();
          assertThat(otherObject.stderr()).containsAnyOf("403", "Forbidden", "AccessDenied");
          Files.writeString(dir.resolve("planted.json"), "{}");
          AwsCli.Result upload = aws.run(List.of("s3", "cp", dir.resolve("planted.json").toString(),
              "s3://" + BUCKET + "/" + alicePrefix + "planted.json"));
          assertThat(upload.exitCode()).as(upload.all()).isNotZero();
          assertThat(upload.stderr()).contains("AccessDenied");
          AwsCli.Result delete = aws.run(List.of("s3", "rm", "s3://" + BUCKET + "/" + aliceKey));
          assertThat(delete.exitCode()).as(delete.all()).isNotZero();
          assertThat(delete.stderr()).contains("AccessDenied");

          // The same credentials on the aggregator's API: LookupEvents shows Alice's account's events, never Bob's.
          Await.until(Duration.ofSeconds(30), () -> indexed(history) >= 600, () -> "600 events in the history");
          AwsCli.Result lookup = aws.withApi(cluster.aggregator().apiEndpoint().orElseThrow())
              .run(List.of("cloudtrail", "lookup-events", "--output", "json"));
          assertThat(lookup.exitCode()).as(lookup.all()).isZero();
          com.fasterxml.jackson.databind.JsonNode events =
              new com.fasterxml.jackson.databind.ObjectMapper().readTree(lookup.stdout()).get("Events");
          assertThat(events).hasSize(300);
          assertThat(events).allSatisfy(e -> assertThat(e.get("CloudTrailEvent").asText())
              .contains("\"recipientAccountId\":\"" + ALICE_ACCOUNT + "\""));
          assertThat(root.get(aliceKey)).as("the log file is still there").isPresent();

          // Another account's access: refused by the aggregator before MinIO is asked, and logged.
          assertThatThrownBy(() -> client.grantReadAccess(BOB_ACCOUNT, Duration.ofMinutes(15)))
              .isInstanceOfSatisfying(AccessException.class, e -> assertThat(e.code()).isEqualTo(Status.Code.PERMISSION_DENIED))
              .hasMessageContaining("may read only account " + ALICE_ACCOUNT + "'s logs; it asked for " + BOB_ACCOUNT);
          assertThat(denials.list).extracting(ILoggingEvent::getFormattedMessage)
              .anyMatch(m -> m.contains("access denied") && m.contains("alice") && m.contains(BOB_ACCOUNT));
        }

        // The platform team reads every account.
        try (AccessClient client = AccessClient.builder().target(target).identity(pat).build();
            ObjectStore all = GrantedStore.open(client.grantReadAccess("", Duration.ofMinutes(15)), client)) {
          assertThat(all.list("AWSLogs/" + OrgCluster.ORG + "/")).extracting(ObjectInfo::key)
              .anyMatch(k -> k.startsWith(alicePrefix)).anyMatch(k -> k.startsWith(bobPrefix));
        }

        // The member admin's CLI: validation over the granted credentials, and the environment for other clients.
        Map<String, String> env = Map.of("ORGTRAIL_ACCESS", target, "ORGTRAIL_IDENTITY", alice.toString());
        OrgtrailProcess.Result validate = OrgtrailProcess.run(dir.resolve("logs"), "logs-validate", Duration.ofSeconds(90),
            env, "logs", "validate");
        assertThat(validate.exitCode()).as(validate.output()).isZero();
        assertThat(validate.output()).contains("digest files valid").contains("log files valid").doesNotContain("INVALID");
        OrgtrailProcess.Result exported = OrgtrailProcess.run(dir.resolve("logs"), "logs-env", Duration.ofSeconds(60),
            env, "logs", "env", "--duration", "15m");
        assertThat(exported.exitCode()).as(exported.output()).isZero();
        Map<String, String> vars = exports(exported.output());
        assertThat(vars).containsKeys("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "AWS_ENDPOINT_URL_S3");
        AwsCli fromEnv = AwsCli.withSessionCredentials(vars.get("AWS_ENDPOINT_URL_S3"), vars.get("AWS_ACCESS_KEY_ID"),
            vars.get("AWS_SECRET_ACCESS_KEY"), vars.get("AWS_SESSION_TOKEN"), dir.resolve("aws"));
        assertThat(fromEnv.run(List.of("s3", "ls", "s3://" + BUCKET + "/" + alicePrefix, "--recursive")).exitCode()).isZero();
        assertThat(fromEnv.run(List.of("s3", "ls", "s3://" + BUCKET + "/" + bobPrefix)).exitCode()).isNotZero();
        OrgtrailProcess.Result refused = OrgtrailProcess.run(dir.resolve("logs"), "logs-ls-bob", Duration.ofSeconds(60),
            env, "logs", "ls", "--account", BOB_ACCOUNT);
        assertThat(refused.exitCode()).as(refused.output()).isEqualTo(1);
        assertThat(refused.output()).contains("may read only account " + ALICE_ACCOUNT + "'s logs");
      }
    } finally {
      ((Logger) LoggerFactory.getLogger("io.orgtrail.access.server.ReadAuthorizer")).detachAppender(denials);
    }
  }

  /** {@code export NAME='value'} lines, as a shell would set them. */
  static Map<String, String> exports(String output) {
    Map<String, String> vars = new HashMap<>();
    for (String line : output.split("\n")) {
      if (line.startsWith("export ")) {
        int eq = line.indexOf('=');
        String value = line.substring(eq + 1);
        vars.put(line.substring("export ".length(), eq), value.substring(1, value.length() - 1).replace("'\"'\"'", "'"));
      }
    }
    return vars;
  }

  static ListAppender<ILoggingEvent> capture(String logger) {
    ListAppender<ILoggingEvent> appender = new ListAppender<>();
    appender.start();
    ((Logger) LoggerFactory.getLogger(logger)).addAppender(appender);
    return appender;
  }

  interface MinioCall {
    void run() throws Exception;
  }

  private static long indexed(EventHistory history) {
    try {
      return history.eventCount();
    } catch (Exception e) {
      throw new AssertionError("the event history cannot be read: " + e, e);
    }
  }

  static void assertAccessDenied(MinioCall call) {
    assertThatThrownBy(call::run).isInstanceOfSatisfying(ErrorResponseException.class,
        e -> assertThat(e.errorResponse().code()).isEqualTo("AccessDenied"));
  }
}
