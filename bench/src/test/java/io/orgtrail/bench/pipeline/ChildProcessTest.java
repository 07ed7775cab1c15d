package io.orgtrail.bench.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.orgtrail.testkit.Await;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChildProcessTest {
  @TempDir Path dir;

  @Test
  void everyOutputLineGoesToTheLogAndTheListenerStdoutAndStderrAlike() throws Exception {
    List<String> seen = new CopyOnWriteArrayList<>();
    Path log = dir.resolve("logs/child.log");
    try (ChildProcess child = ChildProcess.start("child",
        List.of("sh", "-c", "echo one; echo two >&2; echo \"$BENCH_WORD\"; exit 3"), Map.of("BENCH_WORD", "three"),
        log, seen::add)) {
      Await.until(Duration.ofSeconds(10), () -> !child.isAlive() && seen.size() == 3, () -> "three lines, then exit");

      assertThat(child.exitCode()).isEqualTo(3);
      assertThat(seen).containsExactly("one", "two", "three");
      Await.until(Duration.ofSeconds(5), () -> {
        try {
          return Files.readAllLines(log).size() == 3;
        } catch (Exception e) {
          return false;
        }
      }, () -> "the log holding the three lines");
      assertThat(Files.readAllLines(log)).containsExactly("one", "two", "three");
    }
  }

  @Test
  void closingKillsAProcessThatWouldRunOnAndTheRegistryKillsAll() throws Exception {
    ChildProcess a;
    ChildProcess b;
    try (ChildProcesses all = new ChildProcesses()) {
      a = all.add(ChildProcess.start("a", List.of("sleep", "600"), Map.of(), dir.resolve("a.log"), line -> {}));
      b = all.add(ChildProcess.start("b", List.of("sleep", "600"), Map.of(), dir.resolve("b.log"), line -> {}));
      assertThat(a.isAlive()).isTrue();
      assertThat(all.processes()).containsExactly(a, b);
    }
    assertThat(a.isAlive()).isFalse();
    assertThat(b.isAlive()).isFalse();
    assertThat(ProcessHandle.of(a.pid()).map(ProcessHandle::isAlive).orElse(false)).isFalse();
  }

  @Test
  void stopSendsSigtermSoThatTheProcessFinishesOnItsWayOut() throws Exception {
    List<String> seen = new CopyOnWriteArrayList<>();
    // The trap runs once the shell's foreground wait is interrupted by the signal.
    try (ChildProcess child = ChildProcess.start("graceful",
        List.of("sh", "-c", "trap 'echo finishing; exit 0' TERM; echo ready; while true; do sleep 0.05; done"),
        Map.of(), dir.resolve("graceful.log"), seen::add)) {
      Await.until(Duration.ofSeconds(10), () -> seen.contains("ready"), () -> "the child to start");

      assertThat(child.stop(Duration.ofSeconds(10))).isTrue();
      assertThat(child.isAlive()).isFalse();
      assertThat(child.exitCode()).isZero();
      assertThat(seen).contains("finishing");
    }
  }

  @Test
  void stopKillsAProcessThatIgnoresSigtermAfterTheGracePeriod() throws Exception {
    List<String> seen = new CopyOnWriteArrayList<>();
    try (ChildProcess child = ChildProcess.start("stubborn",
        List.of("sh", "-c", "trap '' TERM; echo ready; while true; do sleep 0.05; done"), Map.of(),
        dir.resolve("stubborn.log"), seen::add)) {
      Await.until(Duration.ofSeconds(10), () -> seen.contains("ready"), () -> "the child to start");

      assertThat(child.stop(Duration.ofMillis(300))).isFalse();
      assertThat(child.isAlive()).isFalse();
    }
  }
}
