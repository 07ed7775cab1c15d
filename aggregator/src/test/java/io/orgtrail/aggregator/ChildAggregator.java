package io.orgtrail.aggregator;

import static org.assertj.core.api.Assertions.assertThat;

import io.orgtrail.testkit.Await;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** One run of {@link AggregatorProcessMain} in a child JVM, its output in a file of its own. */
final class ChildAggregator {
  /** The counters of a run as its last STATS line said (a killed run: as of at most 200 ms before the kill). */
  record Stats(Map<String, Long> values) {
    static final Stats NONE = new Stats(Map.of());

    static Stats parse(String line) {
      Map<String, Long> values = new HashMap<>();
      for (String pair : line.substring("STATS ".length()).trim().split(" ")) {
        String[] kv = pair.split("=");
        values.put(kv[0], Long.parseLong(kv[1]));
      }
      return new Stats(values);
    }

    long get(String name) {
      return values.getOrDefault(name, 0L);
    }

    Stats plus(Stats other) {
      Map<String, Long> sum = new HashMap<>(values);
      other.values.forEach((k, v) -> sum.merge(k, v, Long::sum));
      return new Stats(sum);
    }
  }

  private final Process process;
  private final Path output;

  private ChildAggregator(Process process, Path output) {
    this.process = process;
    this.output = output;
  }

  static ChildAggregator start(Path stateDir, Path registryDir, String minioEndpoint, String bucket, int port,
      Path output) throws IOException {
    String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx256m", "-XX:TieredStopAtLevel=1", "-cp", classpath, AggregatorProcessMain.class.getName(),
        stateDir.toString(), registryDir.toString(), minioEndpoint, bucket, Integer.toString(port));
    Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile()).start();
    return new ChildAggregator(p, output);
  }

  /** Waits for READY; fails with the child's output when it exits first. */
  void awaitReady(Duration timeout) {
    Await.until(timeout, () -> output().contains("READY ") || !process.isAlive(), () -> "the aggregator's READY");
    assertThat(process.isAlive()).as("the aggregator runs; its output:%n%s", output()).isTrue();
  }

  /** kill -9. */
  void kill() throws InterruptedException {
    process.destroyForcibly();
    assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("killed aggregator gone").isTrue();
  }

  /** Closes its stdin: it writes what it holds, its final digests, and exits 0. */
  void stop(Duration timeout) throws Exception {
    process.getOutputStream().close();
    assertThat(process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)).as("graceful stop; output:%n%s", output())
        .isTrue();
    assertThat(process.exitValue()).as("exit code; output:%n%s", output()).isZero();
    assertThat(output()).contains("STOPPED");
  }

  /** Its last complete STATS line (a kill may cut the very last one short). */
  Stats stats() {
    List<String> lines = output().lines().filter(l -> l.matches("STATS( \\w+=\\d+)+ digests=\\d+")).toList();
    return lines.isEmpty() ? Stats.NONE : Stats.parse(lines.get(lines.size() - 1));
  }

  void destroy() {
    process.destroyForcibly();
  }

  String output() {
    try {
      return Files.readString(output, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
