package io.orgtrail.integrity;

import java.time.Duration;
import java.time.Instant;

/**
 * Where a chain's digests end: a log file delivered from then on is in no digest yet, which on a running trail is
 * normal. Log file names carry the delivery minute only, so a file may be past the horizon as soon as its minute
 * ends after it, even when the minute also touches a covered period, a hole, or the time before the chain's first
 * digest.
 *
 * <p>A truncated chain is the exception: witnesses prove that digests up to {@code end} were delivered and then
 * deleted, so a file that may have been delivered before {@code end} may have been listed in the deleted tail. Only
 * a file whose whole minute lies after the witnessed end is given the benefit of the doubt.
 *
 * @param end the end of the newest digest in the bucket, or of the newest witnessed digest when the chain was
 *     truncated; null when the chain has no digest and no witness
 * @param truncated whether {@code end} comes from a witness of digests deleted from the bucket
 */
record Horizon(Instant end, boolean truncated) {
  static final Horizon NONE = new Horizon(null, false);

  /** Whether a file delivered somewhere in {@code [at, at + window)} may have been delivered after the horizon. */
  boolean mayBePast(Instant at, Duration window) {
    if (end == null) {
      return false;
    }
    return truncated ? !at.isBefore(end) : at.plus(window).isAfter(end);
  }
}
