package io.orgtrail.aggregator.ingest;

/** Makes sender-controlled text safe for log lines and messages: bounded length, control characters escaped. */
final class Printable {
  private static final int MAX = 64;

  private Printable() {}

  static String of(String s) {
    StringBuilder b = new StringBuilder(Math.min(s.length(), MAX) + 8);
    for (int i = 0; i < s.length() && b.length() < MAX; i++) {
      char c = s.charAt(i);
      if (c < 0x20 || c > 0x7e) {
        b.append(String.format("\\u%04x", (int) c));
      } else {
        b.append(c);
      }
    }
    return s.length() > MAX ? b + "..." : b.toString();
  }
}
