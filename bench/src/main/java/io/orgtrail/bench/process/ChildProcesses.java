package io.orgtrail.bench.process;

import io.orgtrail.bench.common.BenchFailure;
import java.util.ArrayList;
import java.util.List;

/**
 * Every process one benchmark run started (and servers such as MinIO), killed together when the run ends, fails, or
 * the benchmark itself is stopped (Ctrl-C, SIGTERM: a shutdown hook), so that no agent or simulator keeps loading
 * the machine after the benchmark is gone.
 */
public final class ChildProcesses implements AutoCloseable {
  private final String owner;
  private final List<ChildProcess> children = new ArrayList<>();
  private final List<AutoCloseable> others = new ArrayList<>();
  private final Thread hook = new Thread(this::killNow, "bench-kill-children");
  private boolean hooked;

  /** @param owner who says so on stderr when something cannot be stopped ("bench", "bench scale") */
  public ChildProcesses(String owner) {
    this.owner = owner;
    Runtime.getRuntime().addShutdownHook(hook);
    hooked = true;
  }

  public synchronized ChildProcess add(ChildProcess child) {
    children.add(child);
    return child;
  }

  /** Something else to close with the processes (a MinIO server, which kills its process on its own hook too). */
  public synchronized <T extends AutoCloseable> T add(T other) {
    others.add(other);
    return other;
  }

  public synchronized List<ChildProcess> processes() {
    return List.copyOf(children);
  }

  /** Fails when a process is gone, naming it, its exit code and its log. */
  public void requireAllAlive() throws BenchFailure {
    for (ChildProcess p : processes()) {
      if (!p.isAlive()) {
        throw new BenchFailure(p.name() + " exited with code " + p.exitCode() + "; its log: " + p.logFile());
      }
    }
  }

  /** Kills one process now and forgets it. */
  public void kill(ChildProcess child) {
    synchronized (this) {
      children.remove(child);
    }
    child.close();
  }

  /** Kills the processes (last started first), then closes the rest. */
  @Override
  public void close() {
    List<ChildProcess> toKill;
    List<AutoCloseable> toClose;
    synchronized (this) {
      toKill = new ArrayList<>(children);
      toClose = new ArrayList<>(others);
      children.clear();
      others.clear();
    }
    for (int i = toKill.size() - 1; i >= 0; i--) {
      toKill.get(i).close();
    }
    for (int i = toClose.size() - 1; i >= 0; i--) {
      try {
        toClose.get(i).close();
      } catch (Exception e) {
        System.err.println(owner + ": could not stop " + toClose.get(i) + ": " + e.getMessage());
      }
    }
    removeHook();
  }

  private void killNow() {
    List<ChildProcess> toKill;
    synchronized (this) {
      toKill = new ArrayList<>(children);
    }
    toKill.forEach(ChildProcess::killNow);
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
