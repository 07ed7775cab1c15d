package io.orgtrail.aggregator;

import io.orgtrail.testkit.Await;

import static org.assertj.core.api.Assertions.assertThat;

import io.orgtrail.proto.v1.Ack;
import io.orgtrail.proto.v1.AckStatus;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Events from several agents, accounts and regions land once each, in the right file, as the agents sent them. */
class RoutingTest {
  @TempDir Path dir;

  @Test
  void everyEventLandsExactlyOnceUnderItsAccountAndRegion() throws Exception {
    List<String> regions = List.of("us-east-1", "eu-west-1", "ap-southeast-2");
    List<String> accounts = List.of("111111111111", "222222222222", "333333333333");
    try (AggregatorFixture f = new AggregatorFixture(dir)) {
      Map<String, String> expectedPlace = new java.util.HashMap<>(); // eventID -> account/region
      List<TestStream> streams = new ArrayList<>();
      int agentNo = 0;
      for (String account : accounts) {
        // Two agents for the first account: one account may have several agents.
        int agentsForAccount = agentNo == 0 ? 2 : 1;
        for (int a = 0; a < agentsForAccount; a++) {
          TestAgent agent = f.enroll(account);
          TestStream stream = agent.open();
          streams.add(stream);
          for (long seq = 1; seq <= 5; seq++) {
            List<String> events = new ArrayList<>();
            for (int i = 0; i < 12; i++) {
              String region = regions.get((int) ((seq + i) % regions.size())); // regions interleaved in a batch
              String id = UUID.randomUUID().toString();
              expectedPlace.put(id, account + "/" + region);
              events.add(Records.record(account, region, id));
            }
            stream.send(agent.batch(seq, events));
          }
        }
        agentNo++;
      }
      for (TestStream s : streams) {
        for (long seq = 1; seq <= 5; seq++) {
          Ack ack = s.awaitAck(seq, 1, Duration.ofSeconds(20)).get(0);
          assertThat(ack.getStatus()).as(ack.toString()).isEqualTo(AckStatus.DURABLE);
          assertThat(ack.getEventsWritten()).isEqualTo(12);
          assertThat(ack.getRejectedEventsList()).isEmpty();
        }
      }

      List<DeliveredFiles.LogFile> files = f.delivered();
      Map<String, Integer> deliveries = DeliveredFiles.deliveries(files);
      assertThat(deliveries.keySet()).isEqualTo(expectedPlace.keySet());
      assertThat(deliveries.values()).allMatch(n -> n == 1);
      for (DeliveredFiles.LogFile file : files) {
        assertThat(file.key()).startsWith("AWSLogs/" + AggregatorFixture.ORG + "/" + file.account() + "/CloudTrail/"
            + file.region() + "/");
        for (var r : file.records()) {
          assertThat(expectedPlace.get(r.get("eventID").asText())).isEqualTo(file.account() + "/" + file.region());
          assertThat(r.get("recipientAccountId").asText()).isEqualTo(file.account());
          assertThat(r.get("awsRegion").asText()).isEqualTo(file.region());
        }
      }
      Set<String> places = new HashSet<>();
      files.forEach(file -> places.add(file.account() + "/" + file.region()));
      assertThat(places).hasSize(accounts.size() * regions.size());
      AggregatorStats stats = f.stats();
      assertThat(stats.batchesDurable()).isEqualTo(20);
      assertThat(stats.eventsWritten()).isEqualTo(240);
      assertThat(stats.filesWritten()).isEqualTo(files.size());
      assertThat(stats.batchesRejected()).isZero();
    }
  }

  @Test
  void recordsAreWrittenByteForByteAsSent() throws Exception {
    try (AggregatorFixture f = new AggregatorFixture(dir)) {
      TestAgent agent = f.enroll("444455556666");
      // Unusual but valid JSON: spacing, key order, number formats, escapes and raw non-ASCII UTF-8 must survive.
      String odd = "{ \"eventTime\" : \"2024-05-01T10:00:00Z\",\"eventVersion\":\"1.08\", \"awsRegion\":\"eu-west-1\","
          + "\"eventSource\":\"s3.amazonaws.com\",\"eventName\":\"GetObject\",\"eventID\":\"odd-1\","
          + "\"requestParameters\":{\"key\":\"caf\u00e9 \u2713 \\u00e9\\n\",\"size\":1.50E+2},"
          + "\"unknownField\":[null,true,{}],\"recipientAccountId\":\"444455556666\" }";
      String plain = Records.record("444455556666", "eu-west-1", "plain-2");
      try (TestStream s = agent.open()) {
        Ack ack = s.exchange(agent.batch(1, List.of(odd, plain)));
        assertThat(ack.getStatus()).isEqualTo(AckStatus.DURABLE);
      }
      List<DeliveredFiles.LogFile> files = f.delivered();
      assertThat(files).hasSize(1);
      assertThat(new String(files.get(0).uncompressed(), StandardCharsets.UTF_8))
          .isEqualTo("{\"Records\":[" + odd + "," + plain + "]}");
    }
  }

  @Test
  void aFileRollsEarlyAtItsSizeLimitAndTheBatchIsAckedOnlyWhenAllItsFilesAreWritten() throws Exception {
    try (AggregatorFixture f = new AggregatorFixture(dir, b -> b.maxFileBytes(4096).rollInterval(Duration.ofHours(1)))) {
      TestAgent agent = f.enroll("777788889999");
      List<String> events = new ArrayList<>();
      for (int i = 0; i < 20; i++) {
        events.add(Records.padded("777788889999", "us-west-2", "big-" + i, 600));
      }
      TestStream s = agent.open();
      s.send(agent.batch(1, events));
      // Six ~600-byte records fit in 4 KiB: three files roll on size at once, the last two records stay open
      // (the roll interval is an hour), so the batch is not durable yet and must not be acknowledged.
      Await.until(Duration.ofSeconds(20), () -> f.store.successfulPuts() == 3, () -> "3 size-rolled files written");
      assertThat(s.acks()).isEmpty();

      f.aggregator().close(); // graceful: writes the open file, then acknowledges, then ends the stream
      Ack ack = s.awaitAck(1, 1, Duration.ofSeconds(20)).get(0);
      assertThat(ack.getStatus()).isEqualTo(AckStatus.DURABLE);
      assertThat(ack.getEventsWritten()).isEqualTo(20);
      assertThat(s.ended().get(10, java.util.concurrent.TimeUnit.SECONDS)).as("stream ended normally").isNull();

      List<DeliveredFiles.LogFile> files = f.delivered();
      assertThat(files).hasSize(4);
      assertThat(files).allMatch(file -> file.uncompressed().length <= 4096);
      assertThat(DeliveredFiles.deliveries(files)).hasSize(20).allSatisfy((id, n) -> assertThat(n).isEqualTo(1));
      int ackAt = f.timeline.indexOf("ack:" + agent.agentId() + ":1:DURABLE");
      for (DeliveredFiles.LogFile file : files) {
        assertThat(f.timeline.indexOf("put:" + file.key())).as("file written before the ack").isLessThan(ackAt);
      }
    }
  }
}
