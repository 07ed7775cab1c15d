package io.orgtrail.aggregator.digest;

import java.time.Duration;
import java.time.Instant;

/**
 * Digest periods: fixed lengths aligned to the epoch (an hour by default, so digests end on the hour as
 * CloudTrail's do). A chain's digest ends at the first period boundary after its previous digest's end.
 */
record DigestPeriods(Duration length) {
  DigestPeriods {
    if (length.toMillis() % 1000 != 0 || length.getSeconds() < 1) {
      throw new IllegalArgumentException("digest period " + length + " must be a whole number of seconds, at least 1s");
    }
  }

  /** The first boundary strictly after {@code t}. */
  Instant endAfter(Instant t) {
    long s = length.getSeconds();
    long epoch = Math.floorDiv(t.getEpochSecond(), s) * s;
    return Instant.ofEpochSecond(epoch + s);
  }

  /** The last boundary at or before {@code t}. */
  Instant boundaryAtOrBefore(Instant t) {
    long s = length.getSeconds();
    return Instant.ofEpochSecond(Math.floorDiv(t.getEpochSecond(), s) * s);
  }

  /** How many periods end in (start, t]. */
  long endingBetween(Instant start, Instant t) {
    long s = length.getSeconds();
    return Math.max(0, Math.floorDiv(t.getEpochSecond(), s) - Math.floorDiv(start.getEpochSecond(), s));
  }
}
