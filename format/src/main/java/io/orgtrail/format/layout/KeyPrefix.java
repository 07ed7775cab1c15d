package io.orgtrail.format.layout;

import java.util.regex.Pattern;

/** The trail's optional S3 key prefix: path segments of safe characters, no leading or trailing slash. */
public final class KeyPrefix {
  private static final Pattern SEGMENTS = Pattern.compile("[A-Za-z0-9!_.*'()-]+(/[A-Za-z0-9!_.*'()-]+)*");

  private KeyPrefix() {}

  /** Returns the prefix ready to put before {@code AWSLogs/} ("" or "prefix/"). */
  public static String normalise(String prefix) {
    if (prefix == null || prefix.isEmpty()) {
      return "";
    }
    String p = prefix;
    while (p.endsWith("/")) {
      p = p.substring(0, p.length() - 1);
    }
    if (!SEGMENTS.matcher(p).matches() || p.contains("..") || p.startsWith(".")) {
      throw new IllegalArgumentException(
          "key prefix '" + prefix + "' is not valid: use letters, digits and - _ . separated by /");
    }
    return p + "/";
  }
}
