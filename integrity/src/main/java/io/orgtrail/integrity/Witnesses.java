package io.orgtrail.integrity;

import io.orgtrail.format.digest.ChainHead;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** Reads witnesses: the signed chain heads ({@link ChainHead}) agents keep. */
public final class Witnesses {
  private Witnesses() {}

  /**
   * Reads one witness file, or every {@code *.json} file under a directory (recursively, in path order).
   *
   * @throws IOException when the path does not exist or a file is not a chain head; the message names the file
   */
  public static List<ChainHead> read(Path fileOrDirectory) throws IOException {
    if (Files.isRegularFile(fileOrDirectory)) {
      return List.of(ChainHead.read(fileOrDirectory));
    }
    if (!Files.isDirectory(fileOrDirectory)) {
      throw new IOException("witness path " + fileOrDirectory + " does not exist: pass a chain head file an agent "
          + "wrote, or a directory holding them");
    }
    List<Path> files;
    try (Stream<Path> walk = Files.walk(fileOrDirectory)) {
      files = walk.filter(Files::isRegularFile)
          .filter(p -> p.getFileName().toString().endsWith(".json"))
          .sorted()
          .toList();
    }
    List<ChainHead> heads = new ArrayList<>(files.size());
    for (Path file : files) {
      heads.add(ChainHead.read(file));
    }
    return heads;
  }
}
