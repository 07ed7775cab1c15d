package io.orgtrail.cloudtrailapi;

import java.util.UUID;
import java.util.random.RandomGenerator;

/**
 * Request ids in AWS's form (a random UUID), sent as {@code x-amzn-RequestId} and written to our log with any failure,
 * so that what a client prints can be found in the server's log.
 */
final class RequestIds {
  private final RandomGenerator random;

  RequestIds(RandomGenerator random) {
    this.random = random;
  }

  String next() {
    long high;
    long low;
    synchronized (this) {
      // Not every RandomGenerator is thread-safe; handler threads share this one.
      high = random.nextLong();
      low = random.nextLong();
    }
    // Version 4, IETF variant: what UUID.randomUUID() produces, from the injected generator.
    high = (high & ~0xF000L) | 0x4000L;
    low = (low & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
    return new UUID(high, low).toString();
  }
}
