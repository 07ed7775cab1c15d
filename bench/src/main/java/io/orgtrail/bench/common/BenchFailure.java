package io.orgtrail.bench.common;

import java.nio.file.Path;

/** The run could not produce figures (a process died, nothing was delivered): exit code 1, with this message. */
public final class BenchFailure extends Exception {
  private static final long serialVersionUID = 1L;

  public BenchFailure(String message) {
    super(message);
  }

  public BenchFailure(String message, Throwable cause) {
    super(message, cause);
  }

  /**
   * {@code e} (a failure, or an unexpected exception such as a /proc read of a process that just died) with where
   * the run's logs are, so that the person can look; {@code more} is added after them (", MinIO's: ...").
   */
  public static BenchFailure withLogs(Exception e, Path logDir, String more) {
    String what = e instanceof BenchFailure ? e.getMessage() : e.toString();
    return new BenchFailure(what + "\n  all logs: " + logDir + more, e);
  }
}
