package io.orgtrail.format.layout;

import java.util.random.RandomGenerator;

/** The 16 random alphanumeric characters CloudTrail puts in every log file name so that no two collide. */
public final class UniqueNames {
  private static final char[] ALPHABET =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789".toCharArray();
  private final RandomGenerator random;

  public UniqueNames(RandomGenerator random) {
    this.random = random;
  }

  public String next() {
    char[] c = new char[16];
    for (int i = 0; i < c.length; i++) {
      c[i] = ALPHABET[random.nextInt(ALPHABET.length)];
    }
    return new String(c);
  }
}
