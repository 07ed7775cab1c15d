package io.orgtrail.bench.process;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.orgtrail.bench.common.BenchFailure;
import io.orgtrail.testkit.FreePorts;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PortWaitTest {
  @TempDir Path dir;

  @Test
  void returnsWhenThePortAcceptsConnections() throws Exception {
    try (ServerSocket listening = new ServerSocket(0);
        ChildProcess server = ChildProcess.start("server", List.of("sleep", "600"), Map.of(),
            dir.resolve("server.log"), line -> {})) {
      assertThatCode(() -> PortWait.await(server, "server", listening.getLocalPort(), Duration.ofSeconds(10)))
          .doesNotThrowAnyException();
    }
  }

  @Test
  void aServerThatExitsWhileStartingFailsAtOnceNamingItsLog() throws Exception {
    int port = FreePorts.next();
    try (ChildProcess server = ChildProcess.start("server", List.of("sh", "-c", "exit 7"), Map.of(),
        dir.resolve("server.log"), line -> {})) {
      assertThatThrownBy(() -> PortWait.await(server, "the aggregator", port, Duration.ofMinutes(5)))
          .isInstanceOf(BenchFailure.class)
          .hasMessage("the aggregator exited with code 7 while starting; its log: " + dir.resolve("server.log"));
    }
  }

  @Test
  void aServerThatNeverListensFailsAfterTheTimeout() throws Exception {
    int port = FreePorts.next();
    try (ChildProcess server = ChildProcess.start("server", List.of("sleep", "600"), Map.of(),
        dir.resolve("server.log"), line -> {})) {
      assertThatThrownBy(() -> PortWait.await(server, "server", port, Duration.ofMillis(200)))
          .hasMessageContaining("server did not listen on 127.0.0.1:" + port + " within 0 s");
    }
  }
}
