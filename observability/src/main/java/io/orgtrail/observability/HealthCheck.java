package io.orgtrail.observability;

/**
 * One condition of readiness (e.g. "connected to the aggregator", "the store answers"). Called on the HTTP
 * server's thread at every {@code GET /readyz}: it must be cheap and must not block.
 */
@FunctionalInterface
public interface HealthCheck {
  Result check();

  /** Passing, or failing with what is wrong (shown as is to whoever asked {@code /readyz}). */
  record Result(boolean healthy, String message) {
    private static final Result OK = new Result(true, "ok");

    public Result {
      if (message == null || message.isBlank()) {
        throw new IllegalArgumentException("a health check result needs a message saying what is wrong");
      }
    }

    public static Result ok() {
      return OK;
    }

    public static Result failing(String message) {
      return new Result(false, message);
    }
  }
}
