package io.orgtrail.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.orgtrail.agent.Agent;
import io.orgtrail.agent.GeneratorSettings;
import io.orgtrail.cli.inventory.DeliveredLogs;
import io.orgtrail.cli.inventory.Inventory;
import io.orgtrail.format.batch.AgentCredentials;
import io.orgtrail.format.batch.Ed25519Keys;
import io.orgtrail.proto.v1.Ack;
import io.orgtrail.proto.v1.AckStatus;
import io.orgtrail.proto.v1.BatchRejection;
import io.orgtrail.proto.v1.EventProblem;
import io.orgtrail.store.MinioStore;
import io.orgtrail.store.ObjectInfo;
import io.orgtrail.store.ObjectStore;
import io.orgtrail.testkit.Await;
import io.orgtrail.testkit.MinioExtension;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A misbehaving client sends every kind of bad input to an aggregator writing to a real MinIO while a well-behaved
 * agent streams: each bad input gets its specific error, nothing of it is written, and the good agent's events
 * all arrive.
 */
class BadInputEndToEndTest {
  @RegisterExtension static MinioExtension minio = new MinioExtension();
  private static final String ROGUE = "444444444444";
  private static final String GOOD = "555555555555";
  private static final int GENERATED = 400;

  @TempDir Path dir;

  static String record(String account, String region, String eventId) {
    return "{\"eventVersion\":\"1.08\",\"eventTime\":\"2024-05-01T10:00:00Z\",\"eventSource\":\"ec2.amazonaws.com\","
        + "\"eventName\":\"DescribeInstances\",\"awsRegion\":\"" + region + "\",\"sourceIPAddress\":\"10.0.0.1\","
        + "\"eventID\":\"" + eventId + "\",\"recipientAccountId\":\"" + account + "\"}";
  }

  @Test
  void eachBadInputGetsItsOwnErrorAndNothingOfItLandsWhileOthersKeepFlowing() throws Exception {
    try (ObjectStore store = MinioStore.builder()
        .endpoint(minio.server().endpoint())
        .credentials(minio.server().accessKey(), minio.server().secretKey())
        .bucket("bad-input")
        .region("us-east-1")
        .build()) {
      String goodId = UUID.randomUUID().toString();
      String foreignId = UUID.randomUUID().toString();
      try (OrgCluster cluster = new OrgCluster(dir, store, Duration.ofSeconds(1))) {
        Agent good = cluster.startAgent(GOOD, b -> b.generator(new GeneratorSettings(200, GENERATED, List.of("us-west-2", "eu-central-1"))));
        AgentCredentials rogue = cluster.enroll(ROGUE);
        try (RawIngestClient client = new RawIngestClient(cluster.aggregator().port())) {
          long seq = 1;
          assertEventProblem(client.send(rogue.agentId(), seq++, List.of("{\"eventTime\": not json"), rogue, false), EventProblem.MALFORMED_JSON);
          assertEventProblem(client.send(rogue.agentId(), seq++,
              List.of(record(ROGUE, "us-east-1", "x1").replace("\"eventTime\":\"2024-05-01T10:00:00Z\",", "")), rogue, false),
              EventProblem.MISSING_FIELD);
          String huge = record(ROGUE, "us-east-1", "x2").replace("\"sourceIPAddress\"", "\"pad\":\"" + "a".repeat(300_000) + "\",\"sourceIPAddress\"");
          assertEventProblem(client.send(rogue.agentId(), seq++, List.of(huge), rogue, false), EventProblem.EVENT_TOO_LARGE);
          assertEventProblem(client.send(rogue.agentId(), seq++, List.of(record(GOOD, "us-east-1", "x3")), rogue, false), EventProblem.WRONG_ACCOUNT);
          // Regions that try to steer the key: traversal, separators, escapes, look-alikes, control characters.
          for (String region : List.of("../x", "us-east-1/../../", "us-east-1%2F..", "a".repeat(300), "us-e\u0430st-1",
              "us-east-1\\u0000", "..", "us-east-1/", "US-EAST-1", " us-east-1", "us-east-1\\t", "us\u2215east-1",
              "us-east-1\uFF0F..", "%2e%2e%2f", "us-east-1/../../../../" + GOOD, "us-east-1\\\\..")) {
            Ack ack = client.send(rogue.agentId(), seq++, List.of(record(ROGUE, region, "r" + seq)), rogue, false);
            assertEventProblem(ack, EventProblem.INVALID_REGION);
            assertThat(ack.getRejectedEvents(0).getMessage()).as(region).contains("awsRegion").contains("is not a region name");
          }
          assertEventProblem(client.send(rogue.agentId(), seq++, List.of(record(ROGUE, "", "r" + seq)), rogue, false),
              EventProblem.MISSING_FIELD);
          // Account ids that try to name another account's prefix.
          for (String account : List.of("../" + GOOD, ROGUE + "/../" + GOOD, GOOD, "AWSLogs/o-other/" + GOOD, " " + ROGUE)) {
            Ack ack = client.send(rogue.agentId(), seq++, List.of(record(account, "us-east-1", "a" + seq)), rogue, false);
            assertEventProblem(ack, EventProblem.WRONG_ACCOUNT);
            assertThat(ack.getRejectedEvents(0).getMessage()).as(account).contains(ROGUE);
          }
          // Other accounts and another organization named inside a valid record do not move it: it lands in the
          // rogue agent's own prefix, as CloudTrail files a record by the account that delivers it.
          String foreignNames = record(ROGUE, "us-east-1", foreignId).replace("\"sourceIPAddress\"",
              "\"userIdentity\":{\"type\":\"AssumedRole\",\"accountId\":\"" + GOOD + "\",\"arn\":\"arn:aws:sts::" + GOOD
                  + ":assumed-role/x/y\"},\"organizationId\":\"o-evil000000\",\"sharedEventID\":\"../../" + GOOD
                  + "\",\"sourceIPAddress\"");
          Ack foreign = client.send(rogue.agentId(), seq++, List.of(foreignNames), rogue, false);
          assertThat(foreign.getStatus()).isEqualTo(AckStatus.DURABLE);
          assertThat(foreign.getEventsWritten()).isEqualTo(1);

          Ack broken = client.send(rogue.agentId(), seq++, List.of(record(ROGUE, "us-east-1", "x4")), rogue, true);
          assertThat(broken.getStatus()).isEqualTo(AckStatus.REJECTED);
          assertThat(broken.getRejection()).isEqualTo(BatchRejection.BAD_SIGNATURE);
          assertThat(broken.getReason()).isNotBlank();

          KeyPair stranger = Ed25519Keys.generate(new SecureRandom());
          AgentCredentials unknown = new AgentCredentials("agt-00000000deadbeef", ROGUE,
              Ed25519Keys.encode(stranger.getPublic()), Ed25519Keys.encode(stranger.getPrivate()));
          Ack unknownAck = client.send(unknown.agentId(), 1, List.of(record(ROGUE, "us-east-1", "x5")), unknown, false);
          assertThat(unknownAck.getStatus()).isEqualTo(AckStatus.REJECTED);
          assertThat(unknownAck.getRejection()).isEqualTo(BatchRejection.UNKNOWN_AGENT);
          assertThat(unknownAck.getReason()).contains(unknown.agentId());

          // A valid batch, then the same sequence replayed: written once, the replay is a recognised duplicate.
          long replayed = seq++;
          Ack first = client.send(rogue.agentId(), replayed, List.of(record(ROGUE, "us-east-1", goodId)), rogue, false);
          assertThat(first.getStatus()).isEqualTo(AckStatus.DURABLE);
          assertThat(first.getEventsWritten()).isEqualTo(1);
          Ack replay = client.send(rogue.agentId(), replayed, List.of(record(ROGUE, "us-east-1", goodId)), rogue, false);
          assertThat(replay.getStatus()).isEqualTo(AckStatus.DUPLICATE);
          assertThat(replay.getReason()).isNotBlank();
        }
        Await.until(Duration.ofSeconds(60),
            () -> good.stats().generatorDone() && cluster.allAcknowledged() && good.stats().eventsAcknowledged() >= GENERATED,
            () -> "the good agent's " + GENERATED + " events acknowledged: " + good.stats());
      }

      Inventory delivered = new DeliveredLogs().read(store, "");
      assertThat(delivered.problems()).as("every object in the bucket is a log file under a valid prefix").isEmpty();
      assertThat(delivered.misplacedRecords()).isEmpty();
      List<DeliveredLogs.DeliveredRecord> rogueRecords = delivered.files().stream()
          .filter(f -> f.account().equals(ROGUE)).flatMap(f -> f.records().stream()).toList();
      assertThat(rogueRecords).extracting(DeliveredLogs.DeliveredRecord::eventId).containsExactlyInAnyOrder(goodId, foreignId);
      long goodEvents = delivered.files().stream().filter(f -> f.account().equals(GOOD)).mapToLong(f -> f.records().size()).sum();
      assertThat(goodEvents).isEqualTo(GENERATED);
      assertThat(delivered.deliveriesByEventId().values()).allMatch(n -> n == 1);
      for (ObjectInfo o : store.list("")) {
        assertThat(o.key()).startsWith("AWSLogs/" + OrgCluster.ORG + "/").doesNotContain("..");
        assertThat(o.key()).matches("AWSLogs/" + OrgCluster.ORG + "/(" + ROGUE + "|" + GOOD + ")/CloudTrail(-Digest)?/"
            + "[a-z0-9-]+/\\d{4}/\\d{2}/\\d{2}/\\1_CloudTrail(-Digest)?_[^/]+\\.json\\.gz");
      }
    }
  }

  private static void assertEventProblem(Ack ack, EventProblem problem) {
    assertThat(ack.getStatus()).as(ack.toString()).isEqualTo(AckStatus.DURABLE);
    assertThat(ack.getEventsWritten()).isZero();
    assertThat(ack.getRejectedEventsList()).hasSize(1);
    assertThat(ack.getRejectedEvents(0).getProblem()).as(ack.toString()).isEqualTo(problem);
    assertThat(ack.getRejectedEvents(0).getMessage()).isNotBlank();
  }
}
