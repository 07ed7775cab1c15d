package io.orgtrail.bench.scale;

/** The scale run could not produce figures (a process died, a stream never got an answer): exit code 1. */
final class ScaleFailure extends Exception {
  private static final long serialVersionUID = 1L;

  ScaleFailure(String message) {
    super(message);
  }

  ScaleFailure(String message, Throwable cause) {
    super(message, cause);
  }
}
