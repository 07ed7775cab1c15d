package io.orgtrail.aggregator;

import static org.assertj.core.api.Assertions.assertThat;

import io.orgtrail.format.batch.AgentCredentials;
import io.orgtrail.format.batch.Ed25519Keys;
import io.orgtrail.proto.v1.Ack;
import io.orgtrail.proto.v1.AckStatus;
import io.orgtrail.proto.v1.Batch;
import io.orgtrail.proto.v1.BatchRejection;
import io.orgtrail.proto.v1.EventProblem;
import io.orgtrail.proto.v1.EventRejection;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every kind of bad input gets its own answer with a reason, nothing of it is written (and never outside the
 * sender's prefix), and it never disturbs other agents.
 */
class BadInputTest {
  private static final String ROGUE = "444444444444";
  private static final String OTHER = "555555555555";
  private static final int MAX_BATCH = 1 << 20;

  @TempDir Path dir;
  private AggregatorFixture f;
  private TestAgent rogue;
  private TestStream stream;
  private long seq;

  @BeforeEach
  void start() throws Exception {
    f = new AggregatorFixture(dir, b -> b.maxBatchBytes(MAX_BATCH));
    rogue = f.enroll(ROGUE);
    stream = rogue.open();
  }

  @AfterEach
  void stop() throws Exception {
    f.close();
  }

  private EventRejection onlyRejection(String event) throws Exception {
    Ack ack = stream.exchange(rogue.batch(++seq, List.of(event)));
    assertThat(ack.getStatus()).as(ack.toString()).isEqualTo(AckStatus.DURABLE);
    assertThat(ack.getEventsWritten()).isZero();
    assertThat(ack.getRejectedEventsList()).hasSize(1);
    EventRejection r = ack.getRejectedEvents(0);
    assertThat(r.getIndex()).isZero();
    assertThat(r.getMessage()).isNotBlank();
    return r;
  }

  private Ack rejectedBatch(Batch batch, BatchRejection expected) throws Exception {
    Ack ack = stream.exchange(batch);
    assertThat(ack.getStatus()).as(ack.toString()).isEqualTo(AckStatus.REJECTED);
    assertThat(ack.getRejection()).isEqualTo(expected);
    assertThat(ack.getSequence()).isEqualTo(batch.getSequence());
    assertThat(ack.getReason()).isNotBlank();
    return ack;
  }

  @Test
  void eachBadEventIsRefusedWithItsOwnProblemAndNothingIsWritten() throws Exception {
    assertThat(onlyRejection("{\"eventTime\": not json").getProblem()).isEqualTo(EventProblem.MALFORMED_JSON);
    assertThat(onlyRejection("[1,2]").getProblem()).isEqualTo(EventProblem.MALFORMED_JSON);
    EventRejection noTime = onlyRejection(
        Records.record(ROGUE, "us-east-1", "x1").replace("\"eventTime\":\"2024-05-01T10:00:00Z\",", ""));
    assertThat(noTime.getProblem()).isEqualTo(EventProblem.MISSING_FIELD);
    assertThat(noTime.getMessage()).contains("eventTime");
    EventRejection noId = onlyRejection(Records.record(ROGUE, "us-east-1", "x").replace("\"eventID\":\"x\",", ""));
    assertThat(noId.getProblem()).isEqualTo(EventProblem.MISSING_FIELD);
    assertThat(noId.getMessage()).contains("eventID");
    assertThat(onlyRejection(Records.record(ROGUE, "us-east-1", "x2").replace("2024-05-01T10:00:00Z", "yesterday"))
        .getProblem()).isEqualTo(EventProblem.INVALID_FIELD);
    EventRejection huge = onlyRejection(Records.padded(ROGUE, "us-east-1", "x3", 300_000));
    assertThat(huge.getProblem()).isEqualTo(EventProblem.EVENT_TOO_LARGE);
    EventRejection foreign = onlyRejection(Records.record(OTHER, "us-east-1", "x4"));
    assertThat(foreign.getProblem()).isEqualTo(EventProblem.WRONG_ACCOUNT);
    assertThat(foreign.getMessage()).contains(OTHER).contains(ROGUE);

    assertThat(f.store.list("")).isEmpty();
    AggregatorStats stats = f.stats();
    assertThat(stats.eventsRejected(EventProblem.MALFORMED_JSON)).isEqualTo(2);
    assertThat(stats.eventsRejected(EventProblem.MISSING_FIELD)).isEqualTo(2);
    assertThat(stats.eventsRejected(EventProblem.WRONG_ACCOUNT)).isEqualTo(1);
    assertThat(stats.eventsWritten()).isZero();
  }

  @Test
  void regionsThatTryToEscapeThePrefixAreRefused() throws Exception {
    List<String> regions = List.of(
        "../x", "us-east-1/../../", "us-east-1%2F..", "a".repeat(300), "us-e\u0430st-1", "us-east-1\\u0000",
        "us-east-1\\u002f..", "US-EAST-1", "us-east-1 ", ".", "us_east_1");
    for (String region : regions) {
      EventRejection r = onlyRejection(Records.record(ROGUE, region, "r-" + seq));
      assertThat(r.getProblem()).as(region).isEqualTo(EventProblem.INVALID_REGION);
    }
    // An empty region is a missing field for the shared record rules (format module); refused all the same.
    assertThat(onlyRejection(Records.record(ROGUE, "", "r-empty")).getProblem()).isEqualTo(EventProblem.MISSING_FIELD);

    Ack good = stream.exchange(rogue.batch(++seq, List.of(Records.record(ROGUE, "us-east-1", "fine"))));
    assertThat(good.getEventsWritten()).isEqualTo(1);
    List<DeliveredFiles.LogFile> files = f.delivered(); // fails on any key that is not a proper log file key
    assertThat(files).hasSize(1);
    assertThat(files.get(0).key()).startsWith("AWSLogs/" + AggregatorFixture.ORG + "/" + ROGUE + "/CloudTrail/us-east-1/");
    assertThat(f.store.list("")).allSatisfy(o -> assertThat(o.key()).doesNotContain(".."));
  }

  @Test
  void aBatchMixingGoodAndBadEventsWritesTheGoodOnesAndListsTheBadOnes() throws Exception {
    String id = UUID.randomUUID().toString();
    Ack ack = stream.exchange(rogue.batch(++seq, List.of(
        Records.record(OTHER, "us-east-1", "foreign"),
        Records.record(ROGUE, "eu-west-1", id),
        "{}")));
    assertThat(ack.getStatus()).isEqualTo(AckStatus.DURABLE);
    assertThat(ack.getEventsWritten()).isEqualTo(1);
    assertThat(ack.getRejectedEventsList()).extracting(EventRejection::getIndex).containsExactly(0, 2);
    assertThat(ack.getRejectedEventsList()).extracting(EventRejection::getProblem)
        .containsExactly(EventProblem.WRONG_ACCOUNT, EventProblem.MISSING_FIELD);
    assertThat(DeliveredFiles.deliveries(f.delivered())).containsOnlyKeys(id);
  }

  @Test
  void badBatchesAreRejectedWithTheirReasonAndWriteNothing() throws Exception {
    List<String> one = List.of(Records.record(ROGUE, "us-east-1", "b1"));

    rejectedBatch(rogue.tampered(++seq, one), BatchRejection.BAD_SIGNATURE);
    // Signed by the rogue's key but claiming another enrolled agent's id: the signature does not verify.
    TestAgent victim = f.enroll(OTHER);
    rejectedBatch(rogue.batch(victim.agentId(), 1, List.of(Records.record(OTHER, "us-east-1", "b2"))),
        BatchRejection.BAD_SIGNATURE);

    KeyPair stranger = Ed25519Keys.generate(new SecureRandom());
    AgentCredentials unknown = new AgentCredentials("agt-00000000deadbeef", ROGUE,
        Ed25519Keys.encode(stranger.getPublic()), Ed25519Keys.encode(stranger.getPrivate()));
    Ack unknownAck = rejectedBatch(f.connect(unknown).batch(1, one), BatchRejection.UNKNOWN_AGENT);
    assertThat(unknownAck.getReason()).contains("agt-00000000deadbeef").contains("orgtrail admin enroll");
    rejectedBatch(rogue.batch("", 1, one), BatchRejection.UNKNOWN_AGENT);
    rejectedBatch(rogue.batch("../../etc/passwd", 1, one), BatchRejection.UNKNOWN_AGENT);

    rejectedBatch(rogue.batch(++seq, List.of()), BatchRejection.EMPTY_BATCH);
    rejectedBatch(rogue.batch(0, one), BatchRejection.INVALID_SEQUENCE);
    rejectedBatch(rogue.batch(-1, one), BatchRejection.INVALID_SEQUENCE); // 2^64-1 as uint64

    List<String> big = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      big.add(Records.padded(ROGUE, "us-east-1", "big" + i, 250_000));
    }
    Ack tooLarge = rejectedBatch(rogue.batch(++seq, big), BatchRejection.BATCH_TOO_LARGE);
    assertThat(tooLarge.getReason()).contains(String.valueOf(MAX_BATCH));

    assertThat(f.store.list("")).isEmpty();
    AggregatorStats stats = f.stats();
    assertThat(stats.batchesRejected(BatchRejection.BAD_SIGNATURE)).isEqualTo(2);
    assertThat(stats.batchesRejected(BatchRejection.UNKNOWN_AGENT)).isEqualTo(3);
    assertThat(stats.batchesRejected(BatchRejection.EMPTY_BATCH)).isEqualTo(1);
    assertThat(stats.batchesRejected(BatchRejection.INVALID_SEQUENCE)).isEqualTo(2);
    assertThat(stats.batchesRejected(BatchRejection.BATCH_TOO_LARGE)).isEqualTo(1);

    // The stream survived all of it: a good batch still goes through.
    Ack good = stream.exchange(rogue.batch(++seq, one));
    assertThat(good.getStatus()).isEqualTo(AckStatus.DURABLE);
  }

  @Test
  void aReplayedSequenceIsADuplicateAndIsNotWrittenAgain() throws Exception {
    String id = UUID.randomUUID().toString();
    Batch batch = rogue.batch(7, List.of(Records.record(ROGUE, "us-east-1", id)));
    assertThat(stream.exchange(batch).getStatus()).isEqualTo(AckStatus.DURABLE);
    Ack replay = stream.exchange(batch);
    assertThat(replay.getStatus()).isEqualTo(AckStatus.DUPLICATE);
    assertThat(replay.getReason()).contains("already");
    // Same sequence, other content: still the same (agent, sequence), still a duplicate.
    Ack sameSeq = stream.exchange(rogue.batch(7, List.of(Records.record(ROGUE, "us-east-1", "other"))));
    assertThat(sameSeq.getStatus()).isEqualTo(AckStatus.DUPLICATE);
    // Gaps are allowed, and a lower sequence never seen before is new.
    assertThat(stream.exchange(rogue.batch(3, List.of(Records.record(ROGUE, "us-east-1", "three")))).getStatus())
        .isEqualTo(AckStatus.DURABLE);
    assertThat(DeliveredFiles.deliveries(f.delivered())).containsOnlyKeys(id, "three").containsValues(1);
    assertThat(f.stats().duplicates()).isEqualTo(2);
  }

  @Test
  void anotherAgentsEventsAllArriveWhileOneAgentSendsGarbage() throws Exception {
    TestAgent good = f.enroll(OTHER);
    AtomicBoolean stop = new AtomicBoolean();
    CompletableFuture<Integer> garbage = CompletableFuture.supplyAsync(() -> {
      int n = 0;
      try {
        while (!stop.get()) {
          long s = 1000 + n;
          Batch b = switch (n % 4) {
            case 0 -> rogue.tampered(s, List.of(Records.record(ROGUE, "us-east-1", "g" + n)));
            case 1 -> rogue.batch(0, List.of(Records.record(ROGUE, "us-east-1", "g" + n)));
            case 2 -> rogue.batch(s, List.of("not json", Records.record(OTHER, "us-east-1", "steal" + n),
                Records.record(ROGUE, "../../" + OTHER, "escape" + n)));
            default -> rogue.batch("agt-ffffffffffffffff", s, List.of("{}"));
          };
          stream.exchange(b);
          n++;
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return n;
    });
    List<String> ids = new ArrayList<>();
    try (TestStream goodStream = good.open()) {
      for (long s = 1; s <= 30; s++) {
        List<String> events = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
          String id = UUID.randomUUID().toString();
          ids.add(id);
          events.add(Records.record(OTHER, i % 2 == 0 ? "us-west-2" : "eu-central-1", id));
        }
        goodStream.send(good.batch(s, events));
      }
      for (long s = 1; s <= 30; s++) {
        assertThat(goodStream.awaitAck(s, 1, Duration.ofSeconds(30)).get(0).getStatus()).isEqualTo(AckStatus.DURABLE);
      }
    } finally {
      stop.set(true);
    }
    assertThat(garbage.get(30, TimeUnit.SECONDS)).isGreaterThanOrEqualTo(4);
    AggregatorStats stats = f.stats();
    assertThat(stats.eventsRejected(EventProblem.WRONG_ACCOUNT)).isPositive();
    assertThat(stats.eventsRejected(EventProblem.INVALID_REGION)).isPositive();
    assertThat(stats.batchesRejected(BatchRejection.BAD_SIGNATURE)).isPositive();
    assertThat(stats.batchesRejected(BatchRejection.UNKNOWN_AGENT)).isPositive();
    List<DeliveredFiles.LogFile> files = f.delivered();
    assertThat(files).allMatch(file -> file.account().equals(OTHER));
    assertThat(DeliveredFiles.deliveries(files)).containsOnlyKeys(ids).containsValues(1);
  }
}
