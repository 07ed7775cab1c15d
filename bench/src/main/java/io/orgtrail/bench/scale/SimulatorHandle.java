package io.orgtrail.bench.scale;

import io.orgtrail.bench.process.ChildProcess;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The scale run's view of one simulator process: its process, and what its stdout said last (ready, status, done).
 */
final class SimulatorHandle {
  private final int index;
  private final int streams;
  private final Path resultFile;
  private volatile ChildProcess process;
  private volatile boolean ready;
  private volatile SimulatorStatus latest;
  private volatile boolean done;

  SimulatorHandle(int index, int streams, Path resultFile) {
    this.index = index;
    this.streams = streams;
    this.resultFile = resultFile;
  }

  void attach(ChildProcess process) {
    this.process = process;
  }

  /** Reads one output line of the process. */
  void accept(String line) {
    if (line.startsWith(SimulatorProtocol.READY)) {
      ready = true;
    } else if (line.startsWith(SimulatorProtocol.DONE)) {
      done = true;
    } else {
      SimulatorStatus.parse(line).ifPresent(s -> latest = s);
    }
  }

  int index() {
    return index;
  }

  int streams() {
    return streams;
  }

  ChildProcess process() {
    return process;
  }

  boolean ready() {
    return ready;
  }

  boolean done() {
    return done;
  }

  Optional<SimulatorStatus> latest() {
    return Optional.ofNullable(latest);
  }

  Path resultFile() {
    return resultFile;
  }

  void send(String command) throws IOException {
    process.send(command);
  }
}
