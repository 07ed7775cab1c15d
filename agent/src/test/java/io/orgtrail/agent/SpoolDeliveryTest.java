package io.orgtrail.agent;

import static org.assertj.core.api.Assertions.assertThat;

import io.orgtrail.agent.testing.PutAuditEventsClient;
import io.orgtrail.agent.testing.TestIngestServer;
import io.orgtrail.agent.testing.TestKeys;
import io.orgtrail.agent.testing.TestRecords;
import io.orgtrail.format.batch.AgentCredentials;
import io.orgtrail.proto.v1.Batch;
import io.orgtrail.testkit.Await;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The agent's disk spool end to end: real files, real gRPC on loopback to a stand-in aggregator. */
class SpoolDeliveryTest {
  private static final String ACCOUNT = "555566667777";

  @TempDir Path dir;
  private final TestIngestServer server = new TestIngestServer();
  private AgentCredentials credentials;
  private final List<Agent> agents = new ArrayList<>();

  @BeforeEach
  void setUp() throws Exception {
    server.start();
    credentials = TestKeys.write(dir.resolve("key.json"), "00000000000000b7", ACCOUNT);
    server.enroll(credentials);
  }

  @AfterEach
  void tearDown() {
    agents.forEach(Agent::close);
    server.close();
  }

  private Agent start(Consumer<AgentConfig.Builder> tune) throws Exception {
    AgentConfig.Builder b = AgentConfig.builder()
        .keyFile(dir.resolve("key.json"))
        .aggregator(server.target())
        .stateDir(dir.resolve("state"))
        .httpListen("127.0.0.1", 0)
        .maxBatchDelay(Duration.ofMillis(100))
        .reconnectBackoff(Duration.ofMillis(50), Duration.ofMillis(500))
        .closeTimeout(Duration.ofMillis(300));
    tune.accept(b);
    Agent agent = Agent.builder().config(b.build()).clock(Clock.systemUTC()).random(new Random(3)).build();
    agent.start();
    agents.add(agent);
    return agent;
  }

  private static List<String> records(String prefix, int n, int size) {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(size > 0
          ? new String(TestRecords.ofSize(ACCOUNT, prefix + i, size), StandardCharsets.UTF_8)
          : TestRecords.json(ACCOUNT, "us-east-1", prefix + i));
    }
    return out;
  }

  private static List<String> ids(String prefix, int n) {
    return java.util.stream.IntStream.range(0, n).mapToObj(i -> prefix + i).toList();
  }

  private static PutAuditEventsClient.Response put(Agent agent, List<String> records) throws Exception {
    return new PutAuditEventsClient(agent.httpPort()).put(PutAuditEventsClient.body(records));
  }

  private long segmentFiles() throws Exception {
    try (Stream<Path> s = Files.list(dir.resolve("state/spool").resolve(credentials.agentId()))) {
      return s.filter(p -> p.toString().endsWith(".seg")).count();
    }
  }

  @Test
  void aRestartResendsTheUnacknowledgedBatchesInOrderWithIdenticalBytes() throws Exception {
    server.mode(TestIngestServer.Mode.HOLD);
    Agent first = start(b -> {});
    for (int call = 0; call < 3; call++) {
      assertThat(put(first, records("r" + call + "-", 4, 0)).status()).isEqualTo(200);
    }
    Await.until(() -> server.received().size() == 3, () -> "three batches sent and held");
    List<Batch> firstSends = server.received();
    first.close(); // unacknowledged: they stay in the spool
    server.discardHeld(); // as if the aggregator had crashed before writing them
    server.mode(TestIngestServer.Mode.ACK);

    Agent second = start(b -> {});
    Await.until(() -> second.stats().eventsAcknowledged() == 12 && second.stats().pendingEvents() == 0,
        () -> "the spooled batches acknowledged: " + second.stats());
    List<Batch> resent = server.received().subList(3, server.received().size());
    assertThat(resent).extracting(Batch::getSequence).containsExactly(1L, 2L, 3L);
    for (int i = 0; i < 3; i++) {
      assertThat(resent.get(i).toByteArray()).as("batch %d byte for byte", i + 1)
          .isEqualTo(firstSends.get(i).toByteArray());
    }
    AgentStats s = second.stats();
    assertThat(s.replayedBatches()).isEqualTo(3);
    assertThat(s.eventsAccepted()).isZero();
    assertThat(s.spoolBatches()).isZero();
    assertThat(s.ackLatencyP50Millis()).isPositive();
    assertThat(server.durableEventIds()).containsExactlyInAnyOrderElementsOf(
        Stream.of("r0-", "r1-", "r2-").flatMap(p -> ids(p, 4).stream()).toList());

    assertThat(put(second, records("after-", 1, 0)).status()).isEqualTo(200);
    Await.until(() -> server.durable(credentials.agentId()).containsKey(4L), () -> "the next batch is number 4");
  }

  @Test
  void acknowledgedSegmentsAreDeletedAndTheSpoolShrinksBack() throws Exception {
    server.mode(TestIngestServer.Mode.HOLD);
    Agent agent = start(b -> b.maxBatchBytes(16 * 1024).spoolMaxBytes(64 * 1024)); // 4 KiB segments
    for (int call = 0; call < 8; call++) {
      assertThat(put(agent, records("s" + call + "-", 2, 1500)).status()).isEqualTo(200);
    }
    Await.until(() -> server.received().size() == 8, () -> "eight batches sent and held");
    assertThat(segmentFiles()).isGreaterThanOrEqualTo(4);
    long full = agent.stats().spoolBytes();
    assertThat(agent.stats().spoolBatches()).isEqualTo(8);
    assertThat(agent.stats().spoolEvents()).isEqualTo(16);
    assertThat(agent.stats().oldestUnacknowledgedMillis()).isGreaterThanOrEqualTo(0);

    server.mode(TestIngestServer.Mode.ACK);
    server.releaseHeld();
    Await.until(() -> agent.stats().spoolBatches() == 0, () -> "all acknowledged: " + agent.stats());
    assertThat(segmentFiles()).as("only the segment being written to is left").isEqualTo(1);
    assertThat(agent.stats().spoolBytes()).isLessThan(full / 3);
    assertThat(agent.stats().oldestUnacknowledgedMillis()).isZero();
    assertThat(agent.stats().deliverySummary()).contains("accepted 16 events, acknowledged 16; spool 0 batches");
  }

  @Test
  void aFullSpoolAnswers503AndPausesTheDirectorySourceUntilAcknowledgementsFreeRoom() throws Exception {
    Path inbox = Files.createDirectories(dir.resolve("inbox"));
    server.mode(TestIngestServer.Mode.HOLD);
    Agent agent = start(b -> b.watchDir(inbox).pollInterval(Duration.ofMillis(50)).maxBatchEvents(4)
        .maxBatchBytes(4096).spoolMaxBytes(8 * 1024));
    List<String> lines = records("f-", 20, 1000);
    Path tmp = inbox.resolve(".big.jsonl.tmp");
    Files.writeString(tmp, String.join("\n", lines) + "\n");
    Files.move(tmp, inbox.resolve("big.jsonl"), StandardCopyOption.ATOMIC_MOVE);

    Await.until(() -> agent.stats().spoolFullRefusals() >= 1 && agent.stats().filesPending() == 1,
        () -> "the file paused on a full spool: " + agent.stats());
    long acceptedWhilePaused = agent.stats().eventsAccepted();
    assertThat(acceptedWhilePaused).isBetween(4L, 8L);
    PutAuditEventsClient.Response busy = put(agent, records("h-", 1, 1000));
    assertThat(busy.status()).isEqualTo(503);
    assertThat(busy.raw().headers().firstValue("Retry-After")).contains("2");
    assertThat(busy.body().get("message").asText()).contains("spool is full");
    assertThat(agent.stats().spoolBytes()).isLessThanOrEqualTo(8 * 1024 + 1024);
    assertThat(agent.stats().eventsAccepted()).as("still paused").isEqualTo(acceptedWhilePaused);

    server.mode(TestIngestServer.Mode.ACK);
    server.releaseHeld();
    Await.until(() -> agent.stats().filesFinished() == 1 && agent.stats().pendingEvents() == 0,
        () -> "the file finished after acknowledgements freed room: " + agent.stats());
    assertThat(server.durableEventIds()).hasSize(20).containsExactlyInAnyOrderElementsOf(ids("f-", 20));
    assertThat(put(agent, records("h-", 1, 0)).status()).isEqualTo(200);
  }

  @Test
  void putAuditEventsLatencyWithFsyncPerBatchAndWithGroupCommit() throws Exception {
    String perBatch = measure(start(b -> {}), "batch");
    agents.remove(0).close();
    String grouped = measure(start(b -> b.spoolFsyncInterval(Duration.ofMillis(20))), "20ms");
    System.out.println("PutAuditEvents, 100 events (~350 B each) per call, sequential, spool on "
        + dir.getFileSystem().provider().getScheme() + " " + dir + ":\n  fsync per batch: " + perBatch
        + "\n  fsync every 20 ms: " + grouped);
  }

  /** 10 warm-up calls, then 40 measured; every event must be acknowledged. */
  private String measure(Agent agent, String name) throws Exception {
    long[] millis = new long[40];
    for (int call = -10; call < millis.length; call++) {
      List<String> recs = records(name + call + "-", 100, 0);
      long start = System.nanoTime();
      PutAuditEventsClient.Response r = put(agent, recs);
      long took = System.nanoTime() - start;
      assertThat(r.status()).isEqualTo(200);
      assertThat(r.body().get("successful").size()).isEqualTo(100);
      if (call >= 0) {
        millis[call] = took / 1_000;
      }
    }
    Await.until(() -> agent.stats().eventsAcknowledged() == 5000 && agent.stats().pendingEvents() == 0,
        () -> "all 5000 acknowledged: " + agent.stats());
    Arrays.sort(millis);
    return String.format(java.util.Locale.ROOT, "p50 %.2f ms, p90 %.2f ms, max %.2f ms (ack latency p50 %d ms)",
        millis[19] / 1000.0, millis[35] / 1000.0, millis[39] / 1000.0, agent.stats().ackLatencyP50Millis());
  }
}
