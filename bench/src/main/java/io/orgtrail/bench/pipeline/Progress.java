package io.orgtrail.bench.pipeline;

import java.io.PrintWriter;

/** Progress lines for the person waiting (stderr), each prefixed with the run they belong to. */
final class Progress {
  private final PrintWriter err;
  private final String prefix;

  Progress(PrintWriter err, String prefix) {
    this.err = err;
    this.prefix = prefix;
  }

  /** The same output with another run's prefix. */
  Progress forRun(String run) {
    return new Progress(err, "[" + run + "] ");
  }

  void say(String message) {
    err.println(prefix + message);
    err.flush();
  }
}
