package io.orgtrail.agent;

import static org.assertj.core.api.Assertions.assertThat;

import io.orgtrail.agent.testing.PutAuditEventsClient;
import io.orgtrail.agent.testing.TestIngestServer;
import io.orgtrail.agent.testing.TestKeys;
import io.orgtrail.agent.testing.TestRecords;
import io.orgtrail.format.batch.AgentCredentials;
import io.orgtrail.testkit.Await;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real full disk: the agent's state directory on a 1 MiB tmpfs (mounting it needs root; the test fails
 * otherwise), filled up while the agent runs. Nothing accepted may be lost and nothing refused may be delivered.
 */
class SpoolDiskFullTest {
  private static final String ACCOUNT = "777788889999";

  @TempDir Path dir;
  private Path disk;
  private boolean mounted;
  private final TestIngestServer server = new TestIngestServer();
  private Agent agent;

  @BeforeEach
  void mountASmallDisk() throws Exception {
    disk = Files.createDirectories(dir.resolve("small-disk"));
    mounted = run("mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", disk.toString()) == 0;
    // Never skipped: a machine that cannot mount the small disk fails here, saying why (the suites run as root).
    org.junit.jupiter.api.Assertions.assertTrue(mounted, "mounting a 1 MiB tmpfs at " + disk + " failed: the test "
        + "suites must run as root (as CI does) to fill a real disk");
    server.start();
  }

  @AfterEach
  void unmount() throws Exception {
    if (agent != null) {
      agent.close();
    }
    server.close();
    if (mounted && run("umount", disk.toString()) != 0) {
      run("umount", "-l", disk.toString());
    }
  }

  private static int run(String... command) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
        .start();
    if (!p.waitFor(20, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      return -1;
    }
    return p.exitValue();
  }

  private static List<String> records(String prefix, int n) {
    return IntStream.range(0, n)
        .mapToObj(i -> new String(TestRecords.ofSize(ACCOUNT, prefix + i, 1000), StandardCharsets.UTF_8)).toList();
  }

  private static List<String> ids(String prefix, int n) {
    return IntStream.range(0, n).mapToObj(i -> prefix + i).toList();
  }

  /** Writes a file until the disk is full; returns it. */
  private Path fill() throws IOException {
    Path filler = disk.resolve("filler");
    byte[] block = new byte[16 * 1024];
    try (OutputStream out = Files.newOutputStream(filler)) {
      while (true) {
        out.write(block);
      }
    } catch (IOException full) {
      assertThat(full.getMessage()).contains("No space left on device");
    }
    return filler;
  }

  private AgentCredentials startAgent(Path inbox) throws Exception {
    AgentCredentials credentials = TestKeys.write(dir.resolve("key.json"), "00000000000000d9", ACCOUNT);
    server.enroll(credentials);
    agent = Agent.builder()
        .config(AgentConfig.builder()
            .keyFile(dir.resolve("key.json"))
            .aggregator(server.target())
            .stateDir(disk.resolve("state"))
            .httpListen("127.0.0.1", 0)
            .watchDir(inbox)
            .pollInterval(Duration.ofMillis(50))
            .maxBatchEvents(50)
            .maxBatchDelay(Duration.ofMillis(50))
            .reconnectBackoff(Duration.ofMillis(50), Duration.ofMillis(500))
            .closeTimeout(Duration.ofSeconds(5))
            .build())
        .clock(Clock.systemUTC())
        .random(new Random(9))
        .build();
    agent.start();
    return credentials;
  }

  @Test
  void aFullDiskRefusesSourcesInsteadOfLosingEventsAndTheAgentGoesOnOnceThereIsRoom() throws Exception {
    Path inbox = Files.createDirectories(dir.resolve("inbox"));
    startAgent(inbox);
    PutAuditEventsClient client = new PutAuditEventsClient(agent.httpPort());
    List<String> delivered = new ArrayList<>(ids("before-", 10));
    assertThat(client.put(PutAuditEventsClient.body(records("before-", 10))).status()).isEqualTo(200);

    Path filler = fill();
    PutAuditEventsClient.Response refused = client.put(PutAuditEventsClient.body(records("refused-", 100)));
    assertThat(refused.status()).isEqualTo(503);
    assertThat(refused.raw().headers().firstValue("Retry-After")).contains("2");
    assertThat(refused.body().get("message").asText()).contains("could not write the events to its spool")
        .contains("No space left on device");
    assertThat(agent.stats().eventsRefusedBySpool()).isEqualTo(100);
    assertThat(agent.stats().spoolWriteFailures()).isGreaterThanOrEqualTo(1);
    assertThat(agent.stats().lastError()).contains("No space left on device");

    // The directory source pauses on the same disk: its file is neither finished nor given up.
    Path tmp = inbox.resolve(".file.jsonl.tmp");
    Files.writeString(tmp, String.join("\n", records("file-", 30)) + "\n");
    Files.move(tmp, inbox.resolve("file.jsonl"), StandardCopyOption.ATOMIC_MOVE);
    delivered.addAll(ids("file-", 30));
    long failuresBefore = agent.stats().spoolWriteFailures();
    Await.until(() -> agent.stats().filesPending() == 1 && agent.stats().spoolWriteFailures() > failuresBefore,
        () -> "the file paused on the full disk: " + agent.stats());
    assertThat(agent.stats().filesFinished()).isZero();
    assertThat(agent.stats().eventsAccepted()).isEqualTo(10);

    Files.delete(filler);
    Await.until(() -> agent.stats().filesFinished() == 1, () -> "the file went on once there was room: " + agent.stats());
    assertThat(client.put(PutAuditEventsClient.body(records("later-", 100))).status()).isEqualTo(200);
    delivered.addAll(ids("later-", 100));
    Await.until(() -> agent.stats().eventsAcknowledged() == delivered.size() && agent.stats().pendingEvents() == 0,
        () -> "everything accepted acknowledged: " + agent.stats());

    assertThat(server.durableEventIds()).as("every accepted event once, no refused one")
        .hasSize(delivered.size()).containsExactlyInAnyOrderElementsOf(delivered);
    assertThat(agent.stats().eventsAccepted()).isEqualTo(delivered.size());
  }

  @Test
  void whenTheDiskFillsUpDuringACallTheEventsWrittenAreAcceptedAndTheRestAreListedAsNotStored() throws Exception {
    startAgent(Files.createDirectories(dir.resolve("inbox")));
    PutAuditEventsClient client = new PutAuditEventsClient(agent.httpPort());
    assertThat(client.put(PutAuditEventsClient.body(records("warm-", 1))).status()).isEqualTo(200);
    Path room = Files.write(disk.resolve("room"), new byte[80 * 1024]);
    Path filler = fill();
    Files.delete(room); // 80 KiB free: room for the call's first batch of 50 events (~50 KB), not for both

    List<String> records = records("split-", 100);
    PutAuditEventsClient.Response r = client.put(PutAuditEventsClient.body(records));
    assertThat(r.status()).isEqualTo(200);
    List<String> written = new ArrayList<>();
    r.body().get("successful").forEach(e -> written.add(e.get("eventID").asText()));
    assertThat(written).containsExactlyElementsOf(ids("split-", 50));
    assertThat(r.body().get("failed")).hasSize(50).allSatisfy(f -> {
      assertThat(f.get("errorCode").asText()).isEqualTo("ServiceUnavailable");
      assertThat(f.get("errorMessage").asText()).contains("No space left on device");
    });

    Files.delete(filler);
    assertThat(client.put(PutAuditEventsClient.body(records.subList(50, 100))).status()).isEqualTo(200);
    Await.until(() -> agent.stats().eventsAcknowledged() == 101 && agent.stats().pendingEvents() == 0,
        () -> "everything accepted acknowledged: " + agent.stats());
    List<String> expected = new ArrayList<>(ids("split-", 100));
    expected.add("warm-0");
    assertThat(server.durableEventIds()).hasSize(101).containsExactlyInAnyOrderElementsOf(expected);
  }
}
