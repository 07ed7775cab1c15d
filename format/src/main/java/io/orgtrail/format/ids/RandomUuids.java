package io.orgtrail.format.ids;

import java.util.UUID;
import java.util.random.RandomGenerator;

/**
 * Version 4 UUIDs (the form CloudTrail's eventIDs and AWS request ids take) from an injected random source, so that
 * tests can fix them. Safe to share between threads.
 */
public final class RandomUuids {
  private final RandomGenerator random;

  public RandomUuids(RandomGenerator random) {
    this.random = random;
  }

  public String next() {
    long msb;
    long lsb;
    // Not every RandomGenerator is thread-safe; callers share one across threads.
    synchronized (random) {
      msb = random.nextLong();
      lsb = random.nextLong();
    }
    msb = (msb & ~0xF000L) | 0x4000L;
    lsb = (lsb & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
    return new UUID(msb, lsb).toString();
  }
}
