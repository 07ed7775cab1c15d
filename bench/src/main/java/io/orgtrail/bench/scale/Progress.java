package io.orgtrail.bench.scale;

import java.io.PrintWriter;

/** Progress lines for the person waiting, on stderr. */
final class Progress {
  private final PrintWriter err;

  Progress(PrintWriter err) {
    this.err = err;
  }

  void say(String message) {
    err.println("[scale] " + message);
    err.flush();
  }
}
