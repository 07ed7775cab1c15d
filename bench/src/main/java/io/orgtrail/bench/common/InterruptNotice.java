package io.orgtrail.bench.common;

import java.io.PrintWriter;
import java.nio.file.Path;

/**
 * Ctrl-C or SIGTERM before the end of a benchmark (a shutdown hook): its processes are killed by their own hook
 * ({@code ChildProcesses}); this one tells the person where the work directory, with the logs, is left. Closed at
 * the normal end, so that it says nothing then.
 */
public final class InterruptNotice implements AutoCloseable {
  private final Thread hook;

  private InterruptNotice(Thread hook) {
    this.hook = hook;
  }

  /** @param who how the notice starts ("bench", "bench scale") */
  public static InterruptNotice install(PrintWriter err, String who, Path work) {
    Thread hook = new Thread(() -> {
      err.println(who + ": stopped before the end; the work directory is left in place: " + work);
      err.flush();
    }, "bench-interrupted");
    Runtime.getRuntime().addShutdownHook(hook);
    return new InterruptNotice(hook);
  }

  @Override
  public void close() {
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException shuttingDown) {
      // The hook runs: it was an interruption after all.
    }
  }
}
