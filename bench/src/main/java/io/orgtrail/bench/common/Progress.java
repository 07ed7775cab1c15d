package io.orgtrail.bench.common;

import java.io.PrintWriter;

/** Progress lines for the person waiting (stderr), each prefixed with the run they belong to. */
public final class Progress {
  private final PrintWriter err;
  private final String prefix;

  public Progress(PrintWriter err, String prefix) {
    this.err = err;
    this.prefix = prefix;
  }

  /** The same output with another run's prefix. */
  public Progress forRun(String run) {
    return new Progress(err, "[" + run + "] ");
  }

  public void say(String message) {
    err.println(prefix + message);
    err.flush();
  }
}
