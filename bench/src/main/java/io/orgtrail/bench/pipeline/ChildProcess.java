package io.orgtrail.bench.pipeline;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * A process the benchmark started: its merged stdout and stderr are copied line by line to its log file and handed
 * to a listener (which parses the periodic stats lines) on a reader thread of its own.
 */
final class ChildProcess implements AutoCloseable {
  private final String name;
  private final Process process;
  private final Path logFile;
  private final Thread reader;

  private ChildProcess(String name, Process process, Path logFile, Consumer<String> lines) {
    this.name = name;
    this.process = process;
    this.logFile = logFile;
    this.reader = new Thread(() -> copyLines(lines), "bench-output-" + name);
    reader.setDaemon(true);
    reader.start();
  }

  /** Starts {@code command} with {@code env} added to the environment; {@code lines} sees every output line. */
  static ChildProcess start(String name, List<String> command, Map<String, String> env, Path logFile,
      Consumer<String> lines) throws IOException {
    Files.createDirectories(logFile.getParent());
    ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
    pb.environment().putAll(env);
    Process process = pb.start();
    process.getOutputStream().close();
    return new ChildProcess(name, process, logFile, lines);
  }

  String name() {
    return name;
  }

  long pid() {
    return process.pid();
  }

  Path logFile() {
    return logFile;
  }

  boolean isAlive() {
    return process.isAlive();
  }

  /** Its exit code; only once it is gone. */
  int exitCode() {
    return process.exitValue();
  }

  /** SIGKILL and wait for it to be gone (the benchmark has what it needs; nothing to deliver gracefully). */
  @Override
  public void close() {
    process.destroyForcibly();
    try {
      process.waitFor(10, TimeUnit.SECONDS);
      reader.join(TimeUnit.SECONDS.toMillis(2));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * SIGTERM, and SIGKILL when it is still there after {@code grace}: for processes that finish their files on the
   * way out (rsyslog writes the gzip trailers then). True when it exited within the grace period.
   */
  boolean stop(Duration grace) {
    // Through the handle: Process.destroy() also closes the pipes, so the process's last words would be lost (or
    // it would die of SIGPIPE saying them).
    process.toHandle().destroy();
    try {
      if (process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
        reader.join(TimeUnit.SECONDS.toMillis(2));
        return true;
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    close();
    return false;
  }

  /** Without waiting: for a shutdown hook. */
  void killNow() {
    process.destroyForcibly();
  }

  private void copyLines(Consumer<String> lines) {
    try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        BufferedWriter log = Files.newBufferedWriter(logFile, StandardCharsets.UTF_8)) {
      String line;
      while ((line = in.readLine()) != null) {
        log.write(line);
        log.newLine();
        // Flushed per line: when the process dies, its log must be complete for the failure message.
        log.flush();
        try {
          lines.accept(line);
        } catch (RuntimeException e) {
          log.write("[bench] could not parse the line above: " + e);
          log.newLine();
        }
      }
    } catch (IOException e) {
      // The process is gone (its pipe closed) or the log disk failed; either way nothing more to copy.
    }
  }
}
