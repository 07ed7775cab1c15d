package io.orgtrail.agent;

import static org.assertj.core.api.Assertions.assertThat;

import io.orgtrail.agent.selectors.SelectorsFile;
import io.orgtrail.agent.testing.DatasetRecords;
import io.orgtrail.agent.testing.PutAuditEventsClient;
import io.orgtrail.agent.testing.TestIngestServer;
import io.orgtrail.agent.testing.TestKeys;
import io.orgtrail.format.batch.AgentCredentials;
import io.orgtrail.proto.v1.Batch;
import io.orgtrail.selectors.TrailSelectors;
import io.orgtrail.testkit.Await;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Event selectors sent by a stand-in aggregator over real gRPC on loopback, applied at the agent's intake: events
 * they do not select are answered as taken but never reach the aggregator.
 */
class AgentSelectorsTest {
  private static final String ACCOUNT = "111122223333";
  private static final TrailSelectors WRITE_ONLY = selectors("{\"EventSelectors\":[{\"ReadWriteType\":\"WriteOnly\"}]}");
  private static final TrailSelectors READ_ONLY = selectors("{\"EventSelectors\":[{\"ReadWriteType\":\"ReadOnly\"}]}");

  @TempDir Path dir;
  private final TestIngestServer server = new TestIngestServer();
  private final List<Agent> agents = new ArrayList<>();
  private final List<String> reads = DatasetRecords.readOnly(ACCOUNT, 30);
  private final List<String> writes = DatasetRecords.writes(ACCOUNT, 30);

  @BeforeEach
  void setUp() throws Exception {
    server.start();
    AgentCredentials credentials = TestKeys.write(dir.resolve("key.json"), "00000000000000b1", ACCOUNT);
    server.enroll(credentials);
  }

  @AfterEach
  void tearDown() {
    for (Agent a : agents) {
      a.close();
    }
    server.close();
  }

  private static TrailSelectors selectors(String json) {
    try {
      return TrailSelectors.parse(json);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  private Agent start() throws Exception {
    AgentConfig config = AgentConfig.builder()
        .keyFile(dir.resolve("key.json"))
        .aggregator(server.target())
        .stateDir(dir.resolve("state"))
        .httpListen("127.0.0.1", 0)
        .maxBatchEvents(10)
        .maxBatchDelay(Duration.ofMillis(100))
        .reconnectBackoff(Duration.ofMillis(50), Duration.ofMillis(500))
        .closeTimeout(Duration.ofSeconds(5))
        .build();
    Agent agent = Agent.builder().config(config).clock(Clock.systemUTC()).random(new Random(3)).build();
    agent.start();
    agents.add(agent);
    return agent;
  }

  /** Sends the records through PutAuditEvents and checks every one was answered as successful. */
  private static void put(Agent agent, List<String> records) throws Exception {
    PutAuditEventsClient.Response r = new PutAuditEventsClient(agent.httpPort()).put(PutAuditEventsClient.body(records));
    assertThat(r.status()).as(r.body().toString()).isEqualTo(200);
    assertThat(r.body().path("successful").size()).as(r.body().toString()).isEqualTo(records.size());
    assertThat(r.body().path("failed").size()).isZero();
  }

  private static void awaitApplied(Agent agent, TrailSelectors s) {
    Await.until(() -> s.fingerprint().equals(agent.stats().selectorsFingerprint()),
        () -> "selectors " + s.toJson() + " applied; stats " + agent.stats());
  }

  private static void awaitSettled(Agent agent, long acknowledged) {
    Await.until(() -> agent.stats().eventsAcknowledged() == acknowledged && agent.stats().pendingEvents() == 0,
        () -> acknowledged + " events acknowledged; stats " + agent.stats());
  }

  private List<String> receivedEventIds() {
    List<String> ids = new ArrayList<>();
    for (Batch b : server.received()) {
      b.getEventsList().forEach(e -> ids.add(DatasetRecords.eventId(e.toStringUtf8())));
    }
    return ids;
  }

  private static List<String> ids(List<String> records) {
    return records.stream().map(DatasetRecords::eventId).toList();
  }

  private static List<String> concat(List<String> a, List<String> b) {
    List<String> all = new ArrayList<>(a);
    all.addAll(b);
    return all;
  }

  @Test
  void eventsTheSelectorsDoNotSelectNeverReachTheAggregatorAndAreCounted() throws Exception {
    server.pushSelectors(WRITE_ONLY);
    Agent agent = start();
    awaitApplied(agent, WRITE_ONLY);

    put(agent, concat(reads.subList(0, 10), writes.subList(0, 5)));
    awaitSettled(agent, 5);

    assertThat(receivedEventIds()).containsExactlyInAnyOrderElementsOf(ids(writes.subList(0, 5)));
    AgentStats s = agent.stats();
    assertThat(s.eventsFiltered()).isEqualTo(10);
    assertThat(s.eventsAccepted()).isEqualTo(5);
    assertThat(s.eventsRejectedAtIntake()).isZero();
    assertThat(s.deliverySummary()).contains(
        "filtered by event selectors " + WRITE_ONLY.fingerprint().substring(0, 12) + ": 10 events here, 0 by the aggregator");
    assertThat(Files.readString(dir.resolve("state").resolve(SelectorsFile.FILE_NAME), StandardCharsets.UTF_8))
        .isEqualTo(WRITE_ONLY.toJson());
  }

  @Test
  void changedSelectorsTakeEffectWithoutARestart() throws Exception {
    server.pushSelectors(WRITE_ONLY);
    Agent agent = start();
    awaitApplied(agent, WRITE_ONLY);
    put(agent, concat(reads.subList(0, 4), writes.subList(0, 6)));
    awaitSettled(agent, 6);

    server.pushSelectors(READ_ONLY);
    awaitApplied(agent, READ_ONLY);
    put(agent, concat(reads.subList(4, 11), writes.subList(6, 9)));
    awaitSettled(agent, 6 + 7);

    assertThat(receivedEventIds())
        .containsExactlyInAnyOrderElementsOf(concat(ids(writes.subList(0, 6)), ids(reads.subList(4, 11))));
    assertThat(agent.stats().eventsFiltered()).isEqualTo(4 + 3);
    assertThat(Files.readString(dir.resolve("state").resolve(SelectorsFile.FILE_NAME), StandardCharsets.UTF_8))
        .isEqualTo(READ_ONLY.toJson());
  }

  @Test
  void afterARestartTheSavedSelectorsApplyBeforeTheAggregatorIsReached() throws Exception {
    server.pushSelectors(WRITE_ONLY);
    Agent first = start();
    awaitApplied(first, WRITE_ONLY);
    first.close();

    server.stop();
    Agent second = start();
    // Applied by start() itself, with no aggregator to talk to.
    assertThat(second.stats().selectorsFingerprint()).isEqualTo(WRITE_ONLY.fingerprint());
    put(second, concat(reads.subList(0, 8), writes.subList(0, 3)));
    assertThat(second.stats().eventsFiltered()).isEqualTo(8);
    assertThat(second.stats().eventsAccepted()).isEqualTo(3);
    assertThat(second.stats().connected()).isFalse();

    server.restart();
    awaitSettled(second, 3);
    assertThat(receivedEventIds()).containsExactlyInAnyOrderElementsOf(ids(writes.subList(0, 3)));
  }

  @Test
  void anInvalidUpdateIsIgnoredAndThePreviousSelectorsStay() throws Exception {
    server.pushSelectors(WRITE_ONLY);
    Agent agent = start();
    awaitApplied(agent, WRITE_ONLY);

    server.pushRawSelectors("{\"EventSelectors\":[{\"ReadWriteType\":\"Sometimes\"}]}", "0123456789abcdef");
    Await.until(() -> agent.stats().selectorsUpdatesIgnored() == 1, () -> "the invalid update ignored: " + agent.stats());

    put(agent, concat(reads.subList(0, 5), writes.subList(0, 2)));
    awaitSettled(agent, 2);
    assertThat(agent.stats().selectorsFingerprint()).isEqualTo(WRITE_ONLY.fingerprint());
    assertThat(agent.stats().eventsFiltered()).isEqualTo(5);
    assertThat(receivedEventIds()).containsExactlyInAnyOrderElementsOf(ids(writes.subList(0, 2)));
    assertThat(Files.readString(dir.resolve("state").resolve(SelectorsFile.FILE_NAME), StandardCharsets.UTF_8))
        .isEqualTo(WRITE_ONLY.toJson());
  }

  @Test
  void anAggregatorWithoutSelectorsGetsEverything() throws Exception {
    server.selectorsUnimplemented(true);
    Agent agent = start();
    Await.until(() -> server.selectorCallsOpened() == 1, () -> "the agent asked for selectors");

    List<String> all = concat(reads.subList(0, 6), writes.subList(0, 4));
    put(agent, all);
    awaitSettled(agent, 10);

    assertThat(receivedEventIds()).containsExactlyInAnyOrderElementsOf(ids(all));
    AgentStats s = agent.stats();
    assertThat(s.eventsFiltered()).isZero();
    assertThat(s.selectorsFingerprint()).isNull();
    assertThat(s.deliverySummary()).contains("filtered by event selectors all (none received): 0 events here");
    // Asked again only minutes later, not at every reconnect backoff step.
    assertThat(server.selectorCallsOpened()).isEqualTo(1);
    assertThat(dir.resolve("state").resolve(SelectorsFile.FILE_NAME)).doesNotExist();
  }

  @Test
  void eventsTheAggregatorFilteredAreCountedAsAcknowledged() throws Exception {
    // The aggregator applies selectors the agent has not heard of (none pushed yet).
    server.filterArrivals(WRITE_ONLY);
    Agent agent = start();
    Await.until(() -> server.openSelectorCalls() == 1, () -> "the selectors call open");

    put(agent, concat(reads.subList(0, 7), writes.subList(0, 3)));
    awaitSettled(agent, 10);
    AgentStats s = agent.stats();
    assertThat(s.eventsFilteredByAggregator()).isEqualTo(7);
    assertThat(s.eventsFiltered()).isZero();
    assertThat(server.durableEventCount()).isEqualTo(3);
    assertThat(s.deliverySummary()).contains("0 events here, 7 by the aggregator");
  }
}
