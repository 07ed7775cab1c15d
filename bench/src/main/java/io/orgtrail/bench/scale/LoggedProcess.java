package io.orgtrail.bench.scale;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * A process the scale run started: its merged stdout and stderr are copied line by line to its log file and handed
 * to a listener on a reader thread of its own; its stdin stays open for commands ({@link #send}).
 */
final class LoggedProcess implements AutoCloseable {
  private final String name;
  private final Process process;
  private final Path logFile;
  private final Writer stdin;
  private final Thread reader;

  private LoggedProcess(String name, Process process, Path logFile, Consumer<String> lines) {
    this.name = name;
    this.process = process;
    this.logFile = logFile;
    this.stdin = new BufferedWriter(new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8));
    this.reader = new Thread(() -> copyLines(lines), "scale-output-" + name);
    reader.setDaemon(true);
    reader.start();
  }

  /** Starts {@code command} with {@code env} added to the environment; {@code lines} sees every output line. */
  static LoggedProcess start(String name, List<String> command, Map<String, String> env, Path logFile,
      Consumer<String> lines) throws IOException {
    Files.createDirectories(logFile.getParent());
    ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
    pb.environment().putAll(env);
    return new LoggedProcess(name, pb.start(), logFile, lines);
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

  /** Writes one command line to its stdin. */
  synchronized void send(String line) throws IOException {
    stdin.write(line);
    stdin.write('\n');
    stdin.flush();
  }

  /** Waits for it to exit by itself; false on timeout. */
  boolean awaitExit(long timeout, TimeUnit unit) throws InterruptedException {
    return process.waitFor(timeout, unit);
  }

  /** SIGKILL, and wait for it to be gone. */
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
          log.write("[scale] could not parse the line above: " + e);
          log.newLine();
        }
      }
    } catch (IOException e) {
      // The process is gone (its pipe closed) or the log disk failed; either way nothing more to copy.
    }
  }
}
