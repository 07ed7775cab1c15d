package io.orgtrail.bench.rsyslog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The generated configurations, checked by the real rsyslogd (-N1: full validation, modules loaded). */
class RsyslogConfigTest {
  @TempDir Path dir;

  @Test
  void theAgentConfigurationValidatesAndForwardsOverRelpWithADiskAssistedQueue() throws Exception {
    String conf = new AgentConfig("111100000001", dir.resolve("input/events.log"), dir.resolve("work"), 20514,
        ForwardQueue.DISK_ASSISTED, 64L << 20).render();

    assertThat(conf).contains("type=\"imfile\"", "tag=\"111100000001\"", "type=\"omrelp\"", "port=\"20514\"",
        "queue.filename=\"forward\"", "queue.maxDiskSpace=\"67108864\"", "action.resumeRetryCount=\"-1\"",
        "file=\"" + dir.resolve("input/events.log").toAbsolutePath() + "\"");
    assertValid(conf);
  }

  @Test
  void aMemoryOnlyAgentHasNoQueueFiles() throws Exception {
    String conf = new AgentConfig("111100000001", dir.resolve("input/events.log"), dir.resolve("work"), 20514,
        ForwardQueue.MEMORY, 0).render();

    assertThat(conf).contains("type=\"omrelp\"", "queue.type=\"LinkedList\"", "queue.timeoutEnqueue=")
        .doesNotContain("queue.filename", "queue.maxDiskSpace");
    assertValid(conf);
  }

  @Test
  void theAggregatorConfigurationValidatesAndWritesGzipSixPerAccountDirectory() throws Exception {
    String conf = new AggregatorConfig(dir.resolve("out"), dir.resolve("work"), 20514,
        List.of("111100000001", "111100000002")).render();

    assertThat(conf).contains("type=\"imrelp\"", "zipLevel=\"6\"", "if $app-name == \"111100000001\" then",
        "else if $app-name == \"111100000002\" then", "name=\"deliver-111100000002\"", "stop",
        dir.resolve("out").toAbsolutePath() + "/%app-name%/cloudtrail-");
    assertValid(conf);
  }

  @Test
  void anAccountIsTwelveDigits() {
    assertThatThrownBy(() -> new AgentConfig("../etc", dir, dir, 1, ForwardQueue.MEMORY, 0))
        .hasMessageContaining("12 digits");
    assertThatThrownBy(() -> new AggregatorConfig(dir, dir, 1, List.of("1111", "111100000001")))
        .hasMessageContaining("12 digits");
  }

  @Test
  void pathsWithQuotesStayOneString() {
    assertThat(RsyslogText.escape("a\"b\\c")).isEqualTo("a\\\"b\\\\c");
  }

  private void assertValid(String conf) throws Exception {
    Rsyslogd rsyslogd = InstalledRsyslogd.require(dir.resolve("probe"));
    Files.createDirectories(dir.resolve("work"));
    Path file = Files.writeString(dir.resolve("rsyslog.conf"), conf);
    Process p = new ProcessBuilder(List.of(rsyslogd.binary().toString(), "-N1", "-f", file.toString()))
        .redirectErrorStream(true).start();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();

    assertThat(p.exitValue()).as(output).isZero();
    assertThat(output).doesNotContainIgnoringCase("error").doesNotContainIgnoringCase("warning");
  }
}
