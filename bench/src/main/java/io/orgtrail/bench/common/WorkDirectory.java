package io.orgtrail.bench.common;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** The files a benchmark run leaves behind: removed after a successful run unless asked to keep them. */
public final class WorkDirectory {
  private WorkDirectory() {}

  /** Deletes {@code dir} and all below it; nothing when it does not exist. */
  public static void delete(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      // Deepest first: a directory can only go once it is empty.
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("could not delete " + dir + ": " + e.getMessage(), e);
    }
  }

}
