package io.orgtrail.agent;

import static org.assertj.core.api.Assertions.assertThat;

import io.orgtrail.agent.testing.AgentMain;
import io.orgtrail.agent.testing.PutAuditEventsClient;
import io.orgtrail.agent.testing.TestIngestServer;
import io.orgtrail.agent.testing.TestKeys;
import io.orgtrail.agent.testing.TestRecords;
import io.orgtrail.format.batch.AgentCredentials;
import io.orgtrail.testkit.Await;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * kill -9 of a real agent process at random moments while PutAuditEvents calls and files stream in, then a
 * restart on the same state directory, several times over: every event the agent acknowledged to its source (a
 * 200 {@code successful} entry; a file's records) reaches the aggregator exactly once, events of calls that got
 * no answer at most once (the client does not retry them), and refused ones never.
 */
class AgentKillTest {
  private static final String ACCOUNT = "121212121212";
  private static final int KILLS = 6;
  private static final int EVENTS_PER_CALL = 20;

  @TempDir Path dir;
  private final TestIngestServer server = new TestIngestServer();
  private Process child;

  @AfterEach
  void tearDown() throws Exception {
    if (child != null && child.isAlive()) {
      child.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
    server.close();
  }

  private Process startAgent(int run) throws IOException {
    Path portFile = dir.resolve("port");
    Files.deleteIfExists(portFile);
    String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx256m", "-XX:TieredStopAtLevel=1", "-cp", classpath, AgentMain.class.getName(),
        dir.resolve("key.json").toString(), dir.resolve("state").toString(), server.target(),
        dir.resolve("inbox").toString(), portFile.toString());
    return new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(dir.resolve("agent-run-" + run + ".log").toFile()).start();
  }

  private int awaitPort(Process p, int run) throws IOException {
    Path portFile = dir.resolve("port");
    Await.until(Duration.ofSeconds(60), () -> Files.exists(portFile) || !p.isAlive(), () -> "the agent's port file");
    assertThat(p.isAlive()).as("agent process running; its output:%n%s",
        Files.readString(dir.resolve("agent-run-" + run + ".log"))).isTrue();
    try {
      return Integer.parseInt(Files.readString(portFile).trim());
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** What the sources were told. */
  private final Set<String> acknowledged = ConcurrentHashMap.newKeySet();
  private final Set<String> unanswered = ConcurrentHashMap.newKeySet();
  private final Set<String> inFiles = ConcurrentHashMap.newKeySet();

  @Test
  @Timeout(240)
  void killingTheAgentProcessAtRandomMomentsLosesNoAcceptedEventAndDuplicatesNone() throws Exception {
    server.start();
    AgentCredentials credentials = TestKeys.write(dir.resolve("key.json"), "00000000000000e7", ACCOUNT);
    server.enroll(credentials);
    Path inbox = Files.createDirectories(dir.resolve("inbox"));
    long seed = System.nanoTime();
    Random random = new Random(seed);
    int calls = 0;
    int refused = 0;

    for (int run = 0; run < KILLS; run++) {
      // Acks arrive, are lost (the aggregator wrote the batches, then the connection died), or never come (it
      // crashed before writing them): the last two leave batches in the spool for the next run to resend.
      TestIngestServer.Mode mode = TestIngestServer.Mode.values()[run % 3];
      server.mode(mode);
      child = startAgent(run);
      PutAuditEventsClient client = new PutAuditEventsClient(awaitPort(child, run));
      AtomicBoolean stop = new AtomicBoolean();
      int runNo = run;
      Map<String, Integer> outcome = new HashMap<>();
      Thread sender = new Thread(() -> send(client, runNo, stop, outcome), "sender-" + run);
      sender.start();
      long killAt = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(300 + random.nextInt(1200));
      int file = 0;
      while (System.nanoTime() < killAt) {
        drop(inbox, "r" + run + "f" + file++, 25 + random.nextInt(300));
        TimeUnit.MILLISECONDS.sleep(50 + random.nextInt(200)); // a random moment to drop the next file
      }
      child.destroyForcibly(); // SIGKILL
      assertThat(child.waitFor(20, TimeUnit.SECONDS)).isTrue();
      stop.set(true);
      sender.join();
      server.discardHeld();
      calls += outcome.getOrDefault("calls", 0);
      refused += outcome.getOrDefault("refused", 0);
    }

    server.mode(TestIngestServer.Mode.ACK);
    child = startAgent(KILLS);
    awaitPort(child, KILLS);
    Await.until(Duration.ofSeconds(60), () -> {
      Set<String> durable = new HashSet<>(server.durableEventIds());
      return durable.containsAll(acknowledged) && durable.containsAll(inFiles);
    }, () -> "every acknowledged event and every file record delivered; missing "
        + missing(new HashSet<>(server.durableEventIds())));
    child.destroy(); // SIGTERM: a graceful stop after the last acknowledgements
    assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();

    List<String> delivered = server.durableEventIds();
    Set<String> distinct = new HashSet<>(delivered);
    long unansweredDelivered = unanswered.stream().filter(distinct::contains).count();
    System.out.printf("agent kill -9 x%d (seed %d): %d calls (%d refused with 503), %d events acknowledged by "
            + "PutAuditEvents, %d file records, %d events of calls cut off by a kill (%d of them delivered); "
            + "delivered %d events, lost %d, duplicated %d%n",
        KILLS, seed, calls, refused, acknowledged.size(), inFiles.size(), unanswered.size(), unansweredDelivered,
        delivered.size(), missing(distinct).size(), delivered.size() - distinct.size());
    String logs = logs();
    System.out.printf("  restarts that resent spooled batches: %d; files read on mid-way from their spool position: "
            + "%d; torn spool tails cut: %d%n",
        count(logs, "unacknowledged batches (") , count(logs, "going on at record"),
        count(logs, "cut off a damaged or torn end"));
    assertThat(delivered).as("no event twice").doesNotHaveDuplicates();
    assertThat(distinct).containsAll(acknowledged).containsAll(inFiles);
    Set<String> known = new HashSet<>(acknowledged);
    known.addAll(inFiles);
    known.addAll(unanswered);
    assertThat(known).as("nothing delivered that no source sent, or that was refused").containsAll(distinct);
    assertThat(acknowledged).hasSizeGreaterThan(0);
  }

  private String logs() throws IOException {
    StringBuilder all = new StringBuilder();
    for (int run = 0; run <= KILLS; run++) {
      all.append(Files.readString(dir.resolve("agent-run-" + run + ".log")));
    }
    return all.toString();
  }

  private static int count(String text, String what) {
    int n = 0;
    for (int i = text.indexOf(what); i >= 0; i = text.indexOf(what, i + 1)) {
      n++;
    }
    return n;
  }

  private Set<String> missing(Set<String> durable) {
    Set<String> m = new HashSet<>(acknowledged);
    m.addAll(inFiles);
    m.removeAll(durable);
    return m;
  }

  /** PutAuditEvents calls back to back until the agent is gone; records what each call was told. */
  private void send(PutAuditEventsClient client, int run, AtomicBoolean stop, Map<String, Integer> outcome) {
    for (int call = 0; !stop.get(); call++) {
      List<String> ids = new ArrayList<>();
      List<String> records = new ArrayList<>();
      for (int i = 0; i < EVENTS_PER_CALL; i++) {
        ids.add("h" + run + "-" + call + "-" + i);
        records.add(TestRecords.json(ACCOUNT, "eu-central-1", ids.get(i)));
      }
      outcome.merge("calls", 1, Integer::sum);
      try {
        PutAuditEventsClient.Response r = client.put(PutAuditEventsClient.body(records));
        if (r.status() == 200) {
          r.body().get("successful").forEach(s -> acknowledged.add(s.get("eventID").asText()));
          assertThat(r.body().get("failed")).isEmpty();
        } else {
          assertThat(r.status()).isEqualTo(503);
          outcome.merge("refused", 1, Integer::sum);
        }
      } catch (IOException killed) {
        unanswered.addAll(ids); // the agent died during the call: it may or may not have taken them
        return;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  private void drop(Path inbox, String name, int records) throws IOException {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < records; i++) {
      String id = name + "-" + i;
      inFiles.add(id);
      b.append(TestRecords.json(ACCOUNT, "eu-central-1", id)).append('\n');
    }
    Path tmp = inbox.resolve("." + name + ".tmp");
    Files.writeString(tmp, b.toString(), StandardCharsets.UTF_8);
    Files.move(tmp, inbox.resolve(name + ".jsonl"), StandardCopyOption.ATOMIC_MOVE);
  }
}
