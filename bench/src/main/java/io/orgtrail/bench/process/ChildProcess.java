package io.orgtrail.bench.process;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * A process a benchmark started: its merged stdout and stderr are copied line by line to its log file and handed
 * to a listener (which parses the periodic stats lines) on a reader thread of its own.
 */
public final class ChildProcess implements AutoCloseable {
  private final String name;
  private final Process process;
  private final Path logFile;
  private final Writer stdin;
  private final Thread reader;

  private ChildProcess(String name, Process process, Path logFile, Consumer<String> lines) {
    this.name = name;
    this.process = process;
    this.logFile = logFile;
    this.stdin = new BufferedWriter(new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8));
    this.reader = new Thread(() -> copyLines(lines), "bench-output-" + name);
    reader.setDaemon(true);
    reader.start();
  }

  /**
   * Starts {@code command} with {@code env} added to the environment and its stdin closed (nothing is sent to
   * it: it sees the end of its input at once); {@code lines} sees every output line.
   */
  public static ChildProcess start(String name, List<String> command, Map<String, String> env, Path logFile,
      Consumer<String> lines) throws IOException {
    ChildProcess child = startWithInput(name, command, env, logFile, lines);
    child.process.getOutputStream().close();
    return child;
  }

  /** As {@link #start}, but its stdin stays open for commands ({@link #send}). */
  public static ChildProcess startWithInput(String name, List<String> command, Map<String, String> env,
      Path logFile, Consumer<String> lines) throws IOException {
    Files.createDirectories(logFile.getParent());
    ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
    pb.environment().putAll(env);
    return new ChildProcess(name, pb.start(), logFile, lines);
  }

  public String name() {
    return name;
  }

  public long pid() {
    return process.pid();
  }

  public Path logFile() {
    return logFile;
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  /** Its exit code; only once it is gone. */
  public int exitCode() {
    return process.exitValue();
  }

  /** Writes one command line to its stdin; only when started {@link #startWithInput with its input open}. */
  public synchronized void send(String line) throws IOException {
    stdin.write(line);
    stdin.write('\n');
    stdin.flush();
  }

  /** Waits for it to exit by itself; false on timeout. */
  public boolean awaitExit(long timeout, TimeUnit unit) throws InterruptedException {
    return process.waitFor(timeout, unit);
  }

  /** SIGKILL and wait for it to be gone (the benchmark has what it needs; nothing to deliver gracefully). */
  @Override
  public void close() {
    // Through the handle: Process.destroyForcibly() also closes the pipes, and what a process that just died said
    // (a JVM refusing an option) would be lost from its log before the reader copied it.
    process.toHandle().destroyForcibly();
    try {
      process.waitFor(10, TimeUnit.SECONDS);
      reader.join(TimeUnit.SECONDS.toMillis(2));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    // A child of its own may still hold the pipe open: closing it ends the reader.
    process.destroyForcibly();
  }

  /**
   * SIGTERM, and SIGKILL when it is still there after {@code grace}: for processes that finish their files on the
   * way out (rsyslog writes the gzip trailers then). True when it exited within the grace period.
   */
  public boolean stop(Duration grace) {
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
  public void killNow() {
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
