package io.orgtrail.agent.testing;

import io.orgtrail.agent.Agent;
import io.orgtrail.agent.AgentConfig;
import io.orgtrail.format.files.AtomicFiles;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;

/**
 * An agent as a process of its own, for tests that kill it: {@code AgentMain <keyFile> <stateDir> <aggregator>
 * <watchDir> <portFile>}. Serves PutAuditEvents on a free port and writes the port to {@code portFile} once
 * started; stops gracefully on SIGTERM.
 */
public final class AgentMain {
  private AgentMain() {}

  public static void main(String[] args) throws Exception {
    AgentConfig config = AgentConfig.builder()
        .keyFile(Path.of(args[0]))
        .stateDir(Path.of(args[1]))
        .aggregator(args[2])
        .watchDir(Path.of(args[3]))
        .httpListen("127.0.0.1", 0)
        .pollInterval(Duration.ofMillis(50))
        .maxBatchEvents(20)
        .maxBatchDelay(Duration.ofMillis(50))
        .reconnectBackoff(Duration.ofMillis(50), Duration.ofMillis(300))
        .closeTimeout(Duration.ofSeconds(2))
        .statsLogInterval(Duration.ofSeconds(1))
        .build();
    Agent agent = Agent.builder().config(config).clock(Clock.systemUTC()).random(new SecureRandom()).build();
    agent.start();
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      agent.close();
      stopped.countDown();
    }));
    AtomicFiles.write(Path.of(args[4]), Integer.toString(agent.httpPort()).getBytes(StandardCharsets.US_ASCII));
    stopped.await();
  }
}
