package io.orgtrail.bench.process;

import io.orgtrail.bench.common.BenchFailure;
import io.orgtrail.bench.common.Pause;
import io.orgtrail.testkit.FreePorts;
import java.time.Duration;

/** Waiting for a server the benchmark started to accept connections; a server that dies ends the wait at once. */
public final class PortWait {
  private static final Duration POLL = Duration.ofMillis(50);

  private PortWait() {}

  /**
   * Returns once 127.0.0.1:{@code port} accepts connections.
   *
   * @param who how the failure messages name the server ("aggregator", "the aggregator")
   */
  public static void await(ChildProcess server, String who, int port, Duration timeout) throws BenchFailure {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!FreePorts.acceptsConnections(port)) {
      if (!server.isAlive()) {
        throw new BenchFailure(who + " exited with code " + server.exitCode() + " while starting; its log: "
            + server.logFile());
      }
      if (System.nanoTime() - deadline > 0) {
        throw new BenchFailure(who + " did not listen on 127.0.0.1:" + port + " within " + timeout.toSeconds()
            + " s; its log: " + server.logFile());
      }
      Pause.sleep(POLL);
    }
  }
}
