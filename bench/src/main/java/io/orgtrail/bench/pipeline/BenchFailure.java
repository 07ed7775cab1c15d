package io.orgtrail.bench.pipeline;

/** The run could not produce figures (a process died, nothing was delivered): exit code 1, with this message. */
final class BenchFailure extends Exception {
  private static final long serialVersionUID = 1L;

  BenchFailure(String message) {
    super(message);
  }

  BenchFailure(String message, Throwable cause) {
    super(message, cause);
  }
}
