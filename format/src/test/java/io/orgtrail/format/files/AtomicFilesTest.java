package io.orgtrail.format.files;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {
  @TempDir Path dir;

  @Test
  void replacesTheWholeFileAndLeavesNoTemporaryFilesBehind() throws Exception {
    Path target = dir.resolve("nested/state.txt");
    AtomicFiles.write(target, "first version, longer".getBytes());
    AtomicFiles.write(target, "second".getBytes());
    assertThat(Files.readString(target)).isEqualTo("second");
    try (Stream<Path> files = Files.list(target.getParent())) {
      assertThat(files).containsExactly(target);
    }
  }

  @Test
  void setsThePermissionsItIsGiven() throws Exception {
    Path key = dir.resolve("key.json");
    AtomicFiles.write(key, "{}".getBytes(), PosixFilePermissions.fromString("rw-------"));
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(key))).isEqualTo("rw-------");
  }
}
