package io.orgtrail.selectors;

/** Shows a user's value inside an error message: quoted, shortened, control characters escaped. */
final class Quoted {
  private static final int MAX = 120;

  private Quoted() {}

  static String of(String value) {
    StringBuilder out = new StringBuilder("'");
    int end = Math.min(value.length(), MAX);
    for (int i = 0; i < end; i++) {
      char c = value.charAt(i);
      if (c < 0x20 || c == 0x7f) {
        out.append(String.format("\\u%04x", (int) c));
      } else {
        out.append(c);
      }
    }
    out.append('\'');
    if (value.length() > MAX) {
      out.append(" (").append(value.length()).append(" characters, shortened)");
    }
    return out.toString();
  }
}
