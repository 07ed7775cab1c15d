package io.orgtrail.chaos;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * Directories on the host that containers mount. The images run as their own users (orgtrail 10001, minio 10002),
 * so what they write must belong to them; the suite runs as root and can hand it over.
 */
final class HostDirs {
  static final int ORGTRAIL_UID = 10001;
  static final int MINIO_UID = 10002;

  private HostDirs() {}

  static Path create(Path dir) throws IOException {
    return Files.createDirectories(dir);
  }

  /** {@code chown -R uid:uid dir}. */
  static Path ownedBy(int uid, Path dir) throws IOException {
    try (Stream<Path> all = Files.walk(dir)) {
      all.forEach(p -> {
        try {
          Files.setAttribute(p, "unix:uid", uid);
          Files.setAttribute(p, "unix:gid", uid);
        } catch (IOException e) {
          throw new UncheckedIOException("handing " + p + " to uid " + uid + " (the suite runs as root)", e);
        }
      });
    }
    return dir;
  }
}
