package io.orgtrail.store;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * File writes that survive a machine crash once they return: data and directory entries are fsynced, and a file
 * appears at its final name complete or not at all.
 */
final class DurableFiles {
  /** Temp files start with the store's reserved prefix so that listings never show them. */
  static final String TEMP_PREFIX = LocalKeys.RESERVED_PREFIX + "tmp-";

  private DurableFiles() {}

  /**
   * Creates {@code dir} and its missing parents up to {@code root} (which must exist), fsyncing each parent so
   * the new entries are durable.
   */
  static void createDirectories(Path root, Path dir) throws IOException {
    if (Files.isDirectory(dir)) {
      return;
    }
    Path parent = dir.getParent();
    if (!dir.equals(root) && parent != null && !parent.equals(root)) {
      createDirectories(root, parent);
    }
    try {
      Files.createDirectory(dir);
    } catch (FileAlreadyExistsException e) {
      if (Files.isDirectory(dir)) {
        return; // created concurrently by another writer: fine
      }
      throw new FileSystemException(dir.toString(), null,
          "an object already exists where a directory is needed (a key cannot be both an object and a prefix"
              + " of other keys in a local store)");
    }
    fsyncDirectory(parent);
  }

  /** Writes {@code content} to a temp file beside {@code target}, fsyncs it, renames it over target, fsyncs dir. */
  static void writeAtomically(Path target, byte[] content) throws IOException {
    Path dir = target.getParent();
    Path temp = Files.createTempFile(dir, TEMP_PREFIX, ".part");
    try {
      try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
        ByteBuffer buffer = ByteBuffer.wrap(content);
        while (buffer.hasRemaining()) {
          channel.write(buffer);
        }
        channel.force(true);
      }
      Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException | RuntimeException e) {
      try {
        Files.deleteIfExists(temp);
      } catch (IOException cleanup) {
        e.addSuppressed(cleanup);
      }
      throw e;
    }
    fsyncDirectory(dir);
  }

  static void fsyncDirectory(Path dir) throws IOException {
    try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
      channel.force(true);
    }
  }
}
