package io.orgtrail.notify.webhook;

import java.net.URI;
import java.time.Instant;

/**
 * A message given up on, as one line of the dead-letter file.
 *
 * @param attempts HTTP attempts made (0 when refused before any)
 * @param reason why it was given up: {@link #QUEUE_FULL}, {@link #SHUTDOWN}, {@link #SENDER_CLOSED}, {@link #REJECTED}
 *     or {@link #ATTEMPTS_EXHAUSTED}
 * @param lastError the last attempt's failure (e.g. "HTTP 503: busy", "ConnectException: Connection refused"), or the
 *     reason when no attempt failed
 */
public record DeadLetter(Instant time, URI target, String kind, String id, int attempts, String reason,
    String lastError, byte[] body) {
  public static final String QUEUE_FULL = "queue full";
  public static final String SHUTDOWN = "shutdown";
  public static final String SENDER_CLOSED = "sender closed";
  public static final String REJECTED = "rejected";
  public static final String ATTEMPTS_EXHAUSTED = "attempts exhausted";
}
