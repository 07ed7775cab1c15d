package io.orgtrail.agent;

import static org.assertj.core.api.Assertions.assertThat;

import io.orgtrail.testkit.Await;
import io.orgtrail.agent.testing.PutAuditEventsClient;
import io.orgtrail.agent.testing.TestIngestServer;
import io.orgtrail.agent.testing.TestKeys;
import io.orgtrail.agent.testing.TestRecords;
import io.orgtrail.format.batch.AgentCredentials;
import io.orgtrail.proto.v1.Batch;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The agent against a stand-in aggregator over real gRPC on loopback, fed through its PutAuditEvents endpoint. */
class AgentShippingTest {
  private static final String ACCOUNT = "111122223333";

  @TempDir Path dir;
  private final TestIngestServer server = new TestIngestServer();
  private AgentCredentials credentials;
  private final List<Agent> agents = new ArrayList<>();

  @BeforeEach
  void setUp() throws Exception {
    server.start();
    credentials = TestKeys.write(dir.resolve("key.json"), "00000000000000a1", ACCOUNT);
  }

  @AfterEach
  void tearDown() throws Exception {
    for (Agent a : agents) {
      a.close();
    }
    server.close();
  }

  private Agent start(Consumer<AgentConfig.Builder> tune) throws Exception {
    AgentConfig.Builder b = AgentConfig.builder()
        .keyFile(dir.resolve("key.json"))
        .aggregator(server.target())
        .stateDir(dir.resolve("state"))
        .httpListen("127.0.0.1", 0)
        .maxBatchEvents(10)
        .maxBatchDelay(Duration.ofMillis(100))
        .reconnectBackoff(Duration.ofMillis(50), Duration.ofMillis(500))
        .closeTimeout(Duration.ofSeconds(5));
    tune.accept(b);
    Agent agent = Agent.builder().config(b.build()).clock(Clock.systemUTC()).random(new Random(11)).build();
    agent.start();
    agents.add(agent);
    return agent;
  }

  /** Sends records with eventIDs {@code prefix-0 .. prefix-(n-1)} and returns those ids. */
  private static List<String> put(Agent agent, String prefix, int n) throws Exception {
    List<String> ids = new ArrayList<>();
    List<String> records = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      ids.add(prefix + "-" + i);
      records.add(TestRecords.json(ACCOUNT, "us-east-1", prefix + "-" + i));
    }
    PutAuditEventsClient.Response r = new PutAuditEventsClient(agent.httpPort()).put(PutAuditEventsClient.body(records));
    assertThat(r.status()).as(r.body().toString()).isEqualTo(200);
    assertThat(r.body().path("successful").size()).isEqualTo(n);
    return ids;
  }

  private static void awaitAcknowledged(Agent agent, long events) {
    Await.until(() -> agent.stats().eventsAcknowledged() >= events && agent.stats().pendingEvents() == 0,
        () -> events + " events acknowledged; stats " + agent.stats());
  }

  @Test
  void signedBatchesAreAcknowledgedAndSequencesContinueAfterARestart() throws Exception {
    server.enroll(credentials);
    Agent first = start(b -> {});
    List<String> sent = new ArrayList<>(put(first, "first", 25));
    awaitAcknowledged(first, 25);
    AgentStats s = first.stats();
    assertThat(s.eventsAccepted()).isEqualTo(25);
    assertThat(s.batchesRejected()).isZero();
    assertThat(s.batchesSent()).isEqualTo(3); // 10 + 10 + 5 (closed by the delay)
    assertThat(s.connected()).isTrue();
    first.close();
    assertThat(server.durable(credentials.agentId()).keySet()).containsExactly(1L, 2L, 3L);

    Agent second = start(b -> {});
    sent.addAll(put(second, "second", 5));
    awaitAcknowledged(second, 5);
    assertThat(server.durable(credentials.agentId()).keySet()).containsExactly(1L, 2L, 3L, 4L);
    assertThat(server.durableEventIds()).containsExactlyInAnyOrderElementsOf(sent);
  }

  @Test
  void resendsEverythingUnacknowledgedAfterTheAggregatorGoesDownAndComesBack() throws Exception {
    server.enroll(credentials);
    Agent agent = start(b -> {});
    Await.until(() -> agent.stats().connected(), () -> "connected");

    // Written but the acks are lost, like an aggregator crashing between writing and acking.
    server.mode(TestIngestServer.Mode.LOSE_ACKS);
    List<String> sent = new ArrayList<>(put(agent, "before", 20));
    Await.until(() -> server.durableEventCount() == 20, () -> "20 events durable on the server");
    assertThat(agent.stats().pendingEvents()).isEqualTo(20);

    server.stop();
    Await.until(() -> !agent.stats().connected() && agent.stats().lastError() != null,
        () -> "the agent notices the aggregator is gone: " + agent.stats());
    sent.addAll(put(agent, "during", 10));

    server.mode(TestIngestServer.Mode.ACK);
    server.restart();
    awaitAcknowledged(agent, 30);

    AgentStats s = agent.stats();
    assertThat(s.eventsAcknowledged()).isEqualTo(30);
    assertThat(s.batchesSent()).isEqualTo(3);
    assertThat(s.resends()).isGreaterThanOrEqualTo(2);
    assertThat(s.connected()).isTrue();
    // Every event is durable exactly once: the resent batches were recognised as duplicates.
    assertThat(server.durableEventIds()).hasSize(30).containsExactlyInAnyOrderElementsOf(sent);
    List<Long> resentSequences = server.received().stream().map(Batch::getSequence).toList();
    assertThat(resentSequences).containsSubsequence(1L, 2L, 1L, 2L, 3L);
  }

  @Test
  void resendsAfterTheStreamIsDropped() throws Exception {
    server.enroll(credentials);
    server.mode(TestIngestServer.Mode.HOLD);
    Agent agent = start(b -> {});
    List<String> sent = put(agent, "held", 10);
    Await.until(() -> server.received().size() == 1, () -> "the batch reached the server");

    server.discardHeld();
    server.mode(TestIngestServer.Mode.ACK);
    server.dropStreams();
    awaitAcknowledged(agent, 10);
    assertThat(agent.stats().resends()).isEqualTo(1);
    assertThat(server.streamsOpened()).isGreaterThanOrEqualTo(2);
    assertThat(server.durableEventIds()).containsExactlyInAnyOrderElementsOf(sent);
  }

  @Test
  void unknownAgentIsRetriedUntilTheEnrollmentArrives() throws Exception {
    Agent agent = start(b -> {});
    List<String> sent = put(agent, "early", 5);
    Await.until(() -> server.received().size() >= 3, () -> "the batch offered again and again");
    AgentStats waiting = agent.stats();
    assertThat(waiting.lastError()).contains("UNKNOWN_AGENT");
    assertThat(waiting.pendingEvents()).isEqualTo(5);
    assertThat(waiting.pendingBatches()).isEqualTo(1);
    assertThat(waiting.batchesRejected()).isZero();

    server.enroll(credentials);
    awaitAcknowledged(agent, 5);
    assertThat(agent.stats().resends()).isGreaterThanOrEqualTo(2);
    assertThat(server.durableEventIds()).containsExactlyInAnyOrderElementsOf(sent);
  }

  @Test
  void aBatchRejectedForAnyOtherReasonIsDroppedAndCounted() throws Exception {
    // Enrolled with another key: every signature fails.
    server.enroll(new AgentCredentials(credentials.agentId(), ACCOUNT,
        TestKeys.create("00000000000000a1", ACCOUNT).publicKey(), "unused"));
    Agent agent = start(b -> {});
    put(agent, "badsig", 5);
    Await.until(() -> agent.stats().batchesRejected() == 1 && agent.stats().pendingEvents() == 0,
        () -> "the batch rejected and dropped: " + agent.stats());
    AgentStats s = agent.stats();
    assertThat(s.eventsRejectedByAggregator()).isEqualTo(5);
    assertThat(s.eventsAcknowledged()).isZero();
    assertThat(s.lastError()).contains("BAD_SIGNATURE");
    assertThat(s.pendingBatches()).isZero();
    assertThat(s.resends()).isZero();
  }

  @Test
  void eventsRefusedOneByOneInADurableAckAreCounted() throws Exception {
    server.enroll(credentials);
    server.refuseEvents(json -> json.contains("refuse-me"));
    Agent agent = start(b -> {});
    put(agent, "fine", 3);
    put(agent, "refuse-me", 1);
    Await.until(() -> agent.stats().pendingEvents() == 0 && agent.stats().eventsAcknowledged() == 3,
        () -> "all settled: " + agent.stats());
    assertThat(agent.stats().eventsRejectedByAggregator()).isEqualTo(1);
    assertThat(agent.stats().batchesRejected()).isZero();
  }

  @Test
  void eachCallIsSealedAtItsEndAndCloseWaitsForTheAcks() throws Exception {
    server.enroll(credentials);
    Agent agent = start(b -> b.maxBatchDelay(Duration.ofHours(1)));
    List<String> sent = put(agent, "last", 3);
    // Answered only once on disk: the call closed its batch rather than wait an hour for the batch delay.
    assertThat(agent.stats().eventsAccepted()).isEqualTo(3);
    assertThat(agent.stats().spoolEvents() + agent.stats().eventsAcknowledged()).isEqualTo(3);
    Await.until(() -> server.received().size() == 1, () -> "the call's batch sent");
    agent.close();
    assertThat(server.durableEventIds()).containsExactlyInAnyOrderElementsOf(sent);
    assertThat(agent.stats().eventsAcknowledged()).isEqualTo(3);
    assertThat(agent.stats().pendingEvents()).isZero();
    assertThat(agent.stats().spoolBatches()).isZero();
  }

  @Test
  void generatedEventsAreDeliveredAndTheGeneratorSaysWhenItIsDone() throws Exception {
    server.enroll(credentials);
    Agent agent = start(b -> b.generator(new GeneratorSettings(1000, 50, java.util.List.of("us-east-1", "sa-east-1"))));
    Await.until(() -> agent.stats().generatorDone(), () -> "generator done: " + agent.stats());
    awaitAcknowledged(agent, 50);
    assertThat(agent.stats().eventsGenerated()).isEqualTo(50);
    assertThat(server.durableEventIds()).hasSize(50).doesNotHaveDuplicates();
  }

  @Test
  void twoAgentsCannotShareAStateDirectory() throws Exception {
    start(b -> {});
    Agent second = Agent.builder()
        .config(AgentConfig.builder().keyFile(dir.resolve("key.json")).aggregator(server.target())
            .stateDir(dir.resolve("state")).build())
        .random(new Random(1))
        .build();
    org.assertj.core.api.Assertions.assertThatThrownBy(second::start)
        .isInstanceOf(java.io.IOException.class)
        .hasMessageContaining("is in use by another agent");
  }

  @Test
  void aMissingKeyFileIsReportedWithWhatToDo() {
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> Agent.builder()
            .config(AgentConfig.builder().keyFile(dir.resolve("missing.json")).aggregator(server.target())
                .stateDir(dir.resolve("state")).build())
            .random(new Random(1))
            .build())
        .isInstanceOf(java.io.IOException.class)
        .hasMessageContaining("missing.json")
        .hasMessageContaining("orgtrail admin enroll");
  }
}
