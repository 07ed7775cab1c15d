package io.orgtrail.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class AgentConfigTest {
  private static AgentConfig.Builder minimal() {
    return AgentConfig.builder().keyFile(Path.of("key.json")).aggregator("127.0.0.1:7700").stateDir(Path.of("state"));
  }

  @Test
  void hasTheDocumentedDefaults() {
    AgentConfig c = minimal().build();
    assertThat(c.maxBatchEvents()).isEqualTo(500);
    assertThat(c.maxBatchBytes()).isEqualTo(1024 * 1024);
    assertThat(c.maxBatchDelay()).isEqualTo(Duration.ofSeconds(1));
    assertThat(c.maxInFlightBytes()).isEqualTo(64L * 1024 * 1024);
    assertThat(c.pollInterval()).isEqualTo(Duration.ofSeconds(1));
    assertThat(c.initialBackoff()).isEqualTo(Duration.ofMillis(100));
    assertThat(c.maxBackoff()).isEqualTo(Duration.ofSeconds(10));
    assertThat(c.watchDir()).isEmpty();
    assertThat(c.httpListen()).isEmpty();
    assertThat(c.generator()).isEmpty();
    assertThat(c.aggregatorHost()).isEqualTo("127.0.0.1");
    assertThat(c.aggregatorPort()).isEqualTo(7700);
    assertThat(c.spoolMaxBytes()).isEqualTo(1024L * 1024 * 1024);
    assertThat(c.spoolFsyncInterval()).isZero();
    assertThat(c.spoolSegmentBytes()).isEqualTo(64L * 1024 * 1024);
    assertThat(c.statsLogInterval()).isEqualTo(Duration.ofMinutes(1));
    assertThat(c.spoolDir("agt-00000000000000a1")).isEqualTo(Path.of("state", "spool", "agt-00000000000000a1"));
  }

  @Test
  void takesSpoolSettings() {
    AgentConfig c = minimal().spoolMaxBytes(32L * 1024 * 1024).spoolFsyncInterval(Duration.ofMillis(100))
        .statsLogInterval(Duration.ZERO).build();
    assertThat(c.spoolSegmentBytes()).isEqualTo(2L * 1024 * 1024);
    assertThat(c.spoolFsyncInterval()).isEqualTo(Duration.ofMillis(100));
    assertThat(c.statsLogInterval()).isZero();
    assertThat(minimal().spoolFsyncInterval(Duration.ofMillis(5)).spoolFsyncEveryBatch().build().spoolFsyncInterval())
        .isZero();
    assertThat(minimal().maxBatchBytes(1000).spoolMaxBytes(1000).build().spoolSegmentBytes()).isEqualTo(4096);
  }

  @Test
  void takesSourcesAndUnderstandsIpv6Targets() {
    AgentConfig c = minimal().aggregator("[::1]:7700").watchDir(Path.of("in")).httpListen("0.0.0.0", 0)
        .generator(new GeneratorSettings(10, 0, List.of("eu-west-1"))).build();
    assertThat(c.aggregatorHost()).isEqualTo("::1");
    assertThat(c.httpListen()).contains(new ListenAddress("0.0.0.0", 0));
    assertThat(c.generator().orElseThrow().unbounded()).isTrue();
  }

  @Test
  void explainsWhatIsWrong() {
    assertThatThrownBy(() -> minimal().aggregator("localhost").build()).hasMessageContaining("'localhost' is not host:port");
    assertThatThrownBy(() -> minimal().aggregator("h:99999").build()).hasMessageContaining("port must be a number");
    assertThatThrownBy(() -> minimal().maxBatchBytes(8 * 1024 * 1024).build()).hasMessageContaining("gRPC");
    assertThatThrownBy(() -> minimal().maxInFlightBytes(10).build()).hasMessageContaining("maxInFlightBytes");
    assertThatThrownBy(() -> minimal().maxBatchDelay(Duration.ZERO).build()).hasMessageContaining("maxBatchDelay");
    assertThatThrownBy(() -> minimal().spoolMaxBytes(1000).build()).hasMessageContaining("spoolMaxBytes")
        .hasMessageContaining("at least one batch");
    assertThatThrownBy(() -> minimal().spoolFsyncInterval(Duration.ofMinutes(1)).build())
        .hasMessageContaining("spoolFsyncInterval");
    assertThatThrownBy(() -> minimal().spoolFsyncInterval(Duration.ofMillis(-1)).build())
        .hasMessageContaining("spoolFsyncInterval");
    assertThatThrownBy(() -> minimal().statsLogInterval(Duration.ofSeconds(-1)).build())
        .hasMessageContaining("statsLogInterval");
    assertThatThrownBy(() -> AgentConfig.builder().aggregator("h:1").stateDir(Path.of("s")).build())
        .hasMessageContaining("keyFile");
    assertThatThrownBy(() -> new GeneratorSettings(0, 0, List.of("us-east-1"))).hasMessageContaining("rate");
    assertThatThrownBy(() -> new GeneratorSettings(1, 0, List.of("us-east-1/.."))).hasMessageContaining("region");
  }
}
