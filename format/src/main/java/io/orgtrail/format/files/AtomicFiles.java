package io.orgtrail.format.files;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Set;

/**
 * Replaces a small state file so that after a crash it holds either the old or the new content, never a mix: the
 * bytes go to a temporary file in the same directory, are fsync'd, renamed over the target, and the directory is
 * fsync'd so the rename itself survives. Used for every piece of state orgtrail keeps in files (sequence numbers,
 * finished-file lists, registry entries, key files).
 */
public final class AtomicFiles {
  private AtomicFiles() {}

  public static void write(Path target, byte[] content) throws IOException {
    write(target, content, null);
  }

  /** As {@link #write(Path, byte[])}, with {@code permissions} set before any byte is written (e.g. owner-only). */
  public static void write(Path target, byte[] content, Set<PosixFilePermission> permissions) throws IOException {
    Path dir = target.toAbsolutePath().getParent();
    Files.createDirectories(dir);
    Path tmp = Files.createTempFile(dir, "." + target.getFileName(), ".tmp");
    try {
      if (permissions != null) {
        try {
          Files.setPosixFilePermissions(tmp, permissions);
        } catch (UnsupportedOperationException notPosix) {
          // keep the platform default
        }
      }
      try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
        ByteBuffer buffer = ByteBuffer.wrap(content);
        while (buffer.hasRemaining()) {
          ch.write(buffer);
        }
        ch.force(true);
      }
      Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } finally {
      Files.deleteIfExists(tmp);
    }
    fsyncDirectory(dir);
  }

  private static void fsyncDirectory(Path dir) {
    try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
      ch.force(true);
    } catch (IOException | UnsupportedOperationException e) {
      // Some platforms cannot open a directory for fsync; the rename is still atomic there.
    }
  }
}
