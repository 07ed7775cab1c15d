package io.orgtrail.agent;

import static org.assertj.core.api.Assertions.assertThat;

import io.orgtrail.testkit.Await;
import io.orgtrail.agent.testing.TestIngestServer;
import io.orgtrail.agent.testing.TestKeys;
import io.orgtrail.agent.testing.TestRecords;
import io.orgtrail.format.batch.AgentCredentials;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A watched directory shipped to a stand-in aggregator over gRPC, across agent restarts. */
class DirectoryShippingTest {
  private static final String ACCOUNT = "222233334444";

  @TempDir Path dir;
  private Path inbox;
  private final TestIngestServer server = new TestIngestServer();
  private AgentCredentials credentials;

  @BeforeEach
  void setUp() throws Exception {
    server.start();
    credentials = TestKeys.write(dir.resolve("key.json"), "00000000000000e1", ACCOUNT);
    server.enroll(credentials);
    inbox = Files.createDirectories(dir.resolve("inbox"));
  }

  @AfterEach
  void tearDown() throws Exception {
    server.close();
  }

  private Agent start(Duration closeTimeout) throws Exception {
    Agent agent = Agent.builder()
        .config(AgentConfig.builder()
            .keyFile(dir.resolve("key.json"))
            .aggregator(server.target())
            .stateDir(dir.resolve("state"))
            .watchDir(inbox)
            .pollInterval(Duration.ofMillis(50))
            .maxBatchEvents(4)
            .maxBatchDelay(Duration.ofMillis(50))
            .reconnectBackoff(Duration.ofMillis(50), Duration.ofMillis(500))
            .closeTimeout(closeTimeout)
            .build())
        .clock(Clock.systemUTC())
        .random(new SecureRandom())
        .build();
    agent.start();
    return agent;
  }

  /** Writes a file the way well-behaved producers do: under a dot-name, then renamed. */
  private List<String> drop(String name, String prefix, int n) throws Exception {
    List<String> ids = new ArrayList<>();
    StringBuilder b = new StringBuilder("{\"Records\":[");
    for (int i = 0; i < n; i++) {
      ids.add(prefix + i);
      b.append(i == 0 ? "" : ",").append(TestRecords.json(ACCOUNT, "ap-southeast-2", prefix + i));
    }
    byte[] content = b.append("]}").toString().getBytes(StandardCharsets.UTF_8);
    Path tmp = inbox.resolve("." + name + ".tmp");
    try (OutputStream out = name.endsWith(".gz") ? new GZIPOutputStream(Files.newOutputStream(tmp)) : Files.newOutputStream(tmp)) {
      out.write(content);
    }
    Files.move(tmp, inbox.resolve(name), StandardCopyOption.ATOMIC_MOVE);
    return ids;
  }

  private static void awaitFiles(Agent agent, int files) {
    Await.until(() -> agent.stats().filesFinished() >= files && agent.stats().filesPending() == 0
            && agent.stats().pendingEvents() == 0,
        () -> files + " files finished: " + agent.stats());
  }

  @Test
  void eachFileIsShippedOnceAcrossRestarts() throws Exception {
    List<String> sent = new ArrayList<>();
    try (Agent first = start(Duration.ofSeconds(5))) {
      sent.addAll(drop("one.json", "one-", 6));
      sent.addAll(drop("two.json.gz", "two-", 3));
      awaitFiles(first, 2);
      assertThat(first.stats().eventsAcknowledged()).isEqualTo(9);
    }

    try (Agent second = start(Duration.ofSeconds(5))) {
      sent.addAll(drop("three.json", "three-", 2));
      awaitFiles(second, 1);
      assertThat(second.stats().filesFinished()).isEqualTo(1);
      assertThat(second.stats().eventsAccepted()).isEqualTo(2);
    }
    assertThat(server.durableEventIds()).hasSize(11).containsExactlyInAnyOrderElementsOf(sent);
  }

  @Test
  void aFileNotAcknowledgedBeforeTheAgentStoppedIsSentFromTheSpoolByTheNextRunNotReadAgain() throws Exception {
    server.mode(TestIngestServer.Mode.HOLD);
    List<String> sent;
    try (Agent first = start(Duration.ofMillis(200))) {
      sent = drop("pending.json", "p-", 5);
      Await.until(() -> server.received().size() == 2, () -> "both batches of the file sent");
      assertThat(first.stats().filesFinished()).as("finished: all of it is in the spool").isEqualTo(1);
      assertThat(first.stats().pendingEvents()).isEqualTo(5);
    }
    // The aggregator never wrote them (say it crashed); the next run must send them again.
    server.discardHeld();
    server.mode(TestIngestServer.Mode.ACK);

    try (Agent second = start(Duration.ofSeconds(5))) {
      Await.until(() -> second.stats().eventsAcknowledged() == 5 && second.stats().pendingEvents() == 0,
          () -> "the spooled batches acknowledged: " + second.stats());
      assertThat(second.stats().replayedBatches()).isEqualTo(2);
      assertThat(second.stats().eventsAccepted()).as("the file is not read again").isZero();
    }
    assertThat(server.durableEventIds()).containsExactlyInAnyOrderElementsOf(sent);
  }
}
