package io.orgtrail.history;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What the history reads from an object key: whether it is a log file, and whose. */
final class LogFileKeys {
  private static final Pattern FILE_NAME = Pattern.compile("^(\\d{12})_CloudTrail_[^/]*\\.json\\.gz$");

  private LogFileKeys() {}

  /**
   * A CloudTrail log file: a {@code CloudTrail} path segment (so neither {@code CloudTrail-Digest} nor
   * {@code CloudTrail-Insight}) and a name ending in {@code .json.gz}.
   */
  static boolean isLogFile(String key) {
    if (!key.endsWith(".json.gz")) {
      return false;
    }
    String[] segments = key.split("/");
    for (int i = 0; i < segments.length - 1; i++) {
      if (segments[i].equals("CloudTrail")) {
        return true;
      }
    }
    return false;
  }

  /** The account in the file name ({@code <account>_CloudTrail_...}), if the key has that shape. */
  static Optional<String> account(String key) {
    Matcher m = FILE_NAME.matcher(key.substring(key.lastIndexOf('/') + 1));
    return m.matches() ? Optional.of(m.group(1)) : Optional.empty();
  }
}
