package io.orgtrail.agent.source.directory;

import java.nio.file.Path;

/** A file as one particular version of it: the same path with another size or mtime is a different file. */
record FileIdentity(Path path, long size, long modifiedMillis) {
  private static final String PREFIX = "file\t";

  /** The name of this file's position in the spool ({@link io.orgtrail.agent.spool.SourceMark#key()}). */
  String markKey() {
    return PREFIX + size + "\t" + modifiedMillis + "\t" + path;
  }

  /** The file a {@link #markKey()} names, or null when the key is not one of ours. */
  static FileIdentity fromMarkKey(String key) {
    if (!key.startsWith(PREFIX)) {
      return null;
    }
    String[] parts = key.substring(PREFIX.length()).split("\t", 3);
    try {
      return new FileIdentity(Path.of(parts[2]), Long.parseLong(parts[0]), Long.parseLong(parts[1]));
    } catch (RuntimeException e) {
      return null;
    }
  }
}
