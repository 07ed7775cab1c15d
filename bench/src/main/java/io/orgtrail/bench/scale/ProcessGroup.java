package io.orgtrail.bench.scale;

import java.util.ArrayList;
import java.util.List;

/**
 * Every process a scale run started (and a MinIO server), killed together when the run ends, fails, or the
 * benchmark itself is stopped (Ctrl-C, SIGTERM: a shutdown hook), so that no simulator keeps loading the machine.
 */
final class ProcessGroup implements AutoCloseable {
  private final List<LoggedProcess> processes = new ArrayList<>();
  private final List<AutoCloseable> others = new ArrayList<>();
  private final Thread hook = new Thread(this::killNow, "scale-kill-children");
  private boolean hooked;

  ProcessGroup() {
    Runtime.getRuntime().addShutdownHook(hook);
    hooked = true;
  }

  synchronized LoggedProcess add(LoggedProcess process) {
    processes.add(process);
    return process;
  }

  synchronized <T extends AutoCloseable> T add(T other) {
    others.add(other);
    return other;
  }

  synchronized List<LoggedProcess> processes() {
    return List.copyOf(processes);
  }

  /** Kills one process now and forgets it. */
  void kill(LoggedProcess process) {
    synchronized (this) {
      processes.remove(process);
    }
    process.close();
  }

  /** Kills the processes (last started first), then closes the rest. */
  @Override
  public void close() {
    List<LoggedProcess> toKill;
    List<AutoCloseable> toClose;
    synchronized (this) {
      toKill = new ArrayList<>(processes);
      toClose = new ArrayList<>(others);
      processes.clear();
      others.clear();
    }
    for (int i = toKill.size() - 1; i >= 0; i--) {
      toKill.get(i).close();
    }
    for (int i = toClose.size() - 1; i >= 0; i--) {
      try {
        toClose.get(i).close();
      } catch (Exception e) {
        System.err.println("bench scale: could not stop " + toClose.get(i) + ": " + e.getMessage());
      }
    }
    removeHook();
  }

  private void killNow() {
    List<LoggedProcess> toKill;
    synchronized (this) {
      toKill = new ArrayList<>(processes);
    }
    toKill.forEach(LoggedProcess::killNow);
  }

  private synchronized void removeHook() {
    if (!hooked) {
      return;
    }
    hooked = false;
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException shuttingDown) {
      // The hook is running or about to: it kills what is left.
    }
  }
}
