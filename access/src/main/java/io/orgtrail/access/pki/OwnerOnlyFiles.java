package io.orgtrail.access.pki;

import io.orgtrail.format.files.AtomicFiles;
import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Writes key and certificate files readable by their owner only ({@code rw-------}), atomically: a reader sees the
 * old file or the new one, never half of one, and a crash leaves no partial key behind.
 */
final class OwnerOnlyFiles {
  static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");
  static final Set<PosixFilePermission> DIRECTORY = PosixFilePermissions.fromString("rwx------");

  private OwnerOnlyFiles() {}

  /** Creates {@code dir} (and missing parents) as {@code rwx------} when it does not exist. */
  static void createDirectories(Path dir) throws IOException {
    if (Files.isDirectory(dir)) {
      return;
    }
    if (isPosix()) {
      Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(DIRECTORY));
    } else {
      Files.createDirectories(dir);
    }
  }

  /** Replaces {@code target} with {@code content}: temp file (owner-only, fsynced) renamed over it. */
  static void write(Path target, byte[] content) throws IOException {
    createDirectories(target.toAbsolutePath().getParent());
    AtomicFiles.write(target, content, FILE);
  }

  static boolean isPosix() {
    return FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
  }
}
