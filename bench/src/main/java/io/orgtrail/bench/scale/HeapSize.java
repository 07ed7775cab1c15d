package io.orgtrail.bench.scale;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A JVM heap size as {@code -Xmx} takes it: {@code 1g}, {@code 768m}, {@code 1048576k}, bytes. */
final class HeapSize {
  private static final Pattern SIZE = Pattern.compile("(\\d+)([kmgt]?)");

  private HeapSize() {}

  /** @throws IllegalArgumentException when it is not such a size */
  static long parse(String size) {
    Matcher m = SIZE.matcher(size.trim().toLowerCase(Locale.ROOT));
    if (!m.matches()) {
      throw new IllegalArgumentException("'" + size + "' is not a heap size such as 1g or 768m");
    }
    long n = Long.parseLong(m.group(1));
    int shift = switch (m.group(2)) {
      case "k" -> 10;
      case "m" -> 20;
      case "g" -> 30;
      case "t" -> 40;
      default -> 0;
    };
    if (n == 0 || Long.numberOfLeadingZeros(n) <= shift) {
      throw new IllegalArgumentException("'" + size + "' is not a usable heap size");
    }
    return n << shift;
  }
}
