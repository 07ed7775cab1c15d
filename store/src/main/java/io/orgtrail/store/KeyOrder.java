package io.orgtrail.store;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Comparator;

/**
 * The order S3 lists keys in: by their UTF-8 bytes, unsigned. It differs from {@link String#compareTo} only for
 * characters outside the Basic Multilingual Plane, but both stores must agree exactly.
 */
final class KeyOrder {
  static final Comparator<String> UTF8_BINARY = (a, b) ->
      Arrays.compareUnsigned(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));

  private KeyOrder() {}
}
