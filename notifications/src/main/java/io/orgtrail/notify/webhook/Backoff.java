package io.orgtrail.notify.webhook;

import java.time.Duration;

/** Exponential backoff: {@code first} after the first failed attempt, doubling each time, never above {@code cap}. */
record Backoff(Duration first, Duration cap) {
  Duration afterAttempt(int failedAttempts) {
    Duration delay = first;
    for (int i = 1; i < failedAttempts && delay.compareTo(cap) < 0; i++) {
      delay = delay.multipliedBy(2);
    }
    return delay.compareTo(cap) > 0 ? cap : delay;
  }

  /** The delay honouring a server's Retry-After (seconds), still capped so a receiver cannot stall us for hours. */
  Duration afterAttempt(int failedAttempts, Duration retryAfter) {
    Duration delay = afterAttempt(failedAttempts);
    if (retryAfter != null && retryAfter.compareTo(delay) > 0) {
      delay = retryAfter.compareTo(cap) > 0 ? cap : retryAfter;
    }
    return delay;
  }
}
