package io.orgtrail.integrity;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Which delivery times of one chain valid digests cover, and why the others are not: a missing or invalid digest,
 * a gap between chains, a truncated tail. Decides whether a log file no digest names was added (its time is
 * covered) or cannot be verified (it is not).
 */
final class Coverage {
  private record Period(Instant from, Instant to) {}

  /** A time no valid digest covers; {@code from} null means "since the beginning". */
  private record Hole(Instant from, Instant to, String reason) {}

  private final List<Period> covered = new ArrayList<>();
  private final List<Hole> holes = new ArrayList<>();

  /** A valid digest covers log files delivered in {@code [from, to)}. */
  void covered(Instant from, Instant to) {
    covered.add(new Period(from, to));
  }

  void hole(Instant from, Instant to, String reason) {
    holes.add(new Hole(from, to, reason));
  }

  /** Whether a file delivered somewhere in {@code [at, at + window)} may lie in a covered period; window > 0. */
  boolean covers(Instant at, Duration window) {
    Instant until = at.plus(window);
    for (Period p : covered) {
      if (p.from().isBefore(until) && at.isBefore(p.to())) {
        return true;
      }
    }
    return false;
  }

  /**
   * Why a file delivered somewhere in {@code [at, at + window)} may lie where no valid digest covers it, or null
   * when no recorded hole overlaps that time.
   */
  String hole(Instant at, Duration window) {
    Instant until = at.plus(window);
    for (Hole h : holes) {
      if ((h.from() == null || h.from().isBefore(until)) && at.isBefore(h.to())) {
        return h.reason();
      }
    }
    return null;
  }
}
