package io.orgtrail.bench.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.orgtrail.bench.common.BenchFailure;
import io.orgtrail.testkit.Await;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
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
    try (ChildProcesses all = new ChildProcesses("bench")) {
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
  void aProcessStartedWithItsInputOpenReadsTheCommandsSentToIt() throws Exception {
    List<String> seen = new CopyOnWriteArrayList<>();
    try (ChildProcess child = ChildProcess.startWithInput("talker",
        List.of("sh", "-c", "read first; echo \"got $first\"; read second; echo \"got $second\""), Map.of(),
        dir.resolve("talker.log"), seen::add)) {
      child.send("window-start");
      child.send("stop");

      assertThat(child.awaitExit(10, TimeUnit.SECONDS)).isTrue();
      Await.until(Duration.ofSeconds(5), () -> seen.size() == 2, () -> "both answers");
      assertThat(seen).containsExactly("got window-start", "got stop");
    }
  }

  @Test
  void aProcessStartedPlainlySeesItsInputClosed() throws Exception {
    List<String> seen = new CopyOnWriteArrayList<>();
    try (ChildProcess child = ChildProcess.start("reader", List.of("sh", "-c", "cat; echo eof"), Map.of(),
        dir.resolve("reader.log"), seen::add)) {
      assertThat(child.awaitExit(10, TimeUnit.SECONDS)).as("cat ends at once on the closed input").isTrue();
      Await.until(Duration.ofSeconds(5), () -> seen.contains("eof"), () -> "the line after cat");
    }
  }

  @Test
  void theRegistryNamesAProcessThatExitedAndForgetsOneKilledOnPurpose() throws Exception {
    try (ChildProcesses all = new ChildProcesses("bench test")) {
      ChildProcess sleeper = all.add(ChildProcess.start("sleeper", List.of("sleep", "600"), Map.of(),
          dir.resolve("sleeper.log"), line -> {}));
      all.requireAllAlive();

      all.kill(sleeper);
      assertThat(sleeper.isAlive()).isFalse();
      assertThat(all.processes()).isEmpty();
      all.requireAllAlive();

      ChildProcess quitter = all.add(ChildProcess.start("quitter", List.of("sh", "-c", "exit 4"), Map.of(),
          dir.resolve("quitter.log"), line -> {}));
      assertThat(quitter.awaitExit(10, TimeUnit.SECONDS)).isTrue();
      assertThatThrownBy(all::requireAllAlive).isInstanceOf(BenchFailure.class)
          .hasMessage("quitter exited with code 4; its log: " + dir.resolve("quitter.log"));
    }
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
