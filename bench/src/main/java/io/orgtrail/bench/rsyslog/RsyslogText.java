package io.orgtrail.bench.rsyslog;

import java.nio.file.Path;

/** Values inside RainerScript's double-quoted strings. */
final class RsyslogText {
  private RsyslogText() {}

  /** Backslashes and double quotes escaped, so that any path is one string constant. */
  static String escape(String value) {
    return value.replace("\\", "\\\\").replace("\"", "\\\"");
  }

  /** An absolute path as a string constant's content. */
  static String path(Path path) {
    return escape(path.toAbsolutePath().toString());
  }
}
