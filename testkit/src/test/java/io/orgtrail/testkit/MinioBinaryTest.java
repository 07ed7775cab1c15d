package io.orgtrail.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MinioBinaryTest {
  @TempDir Path tmp;

  @Test
  void prefersTheEnvironmentVariable() throws IOException {
    Path configured = executable(tmp.resolve("custom/minio-server"));
    Path onPath = executable(tmp.resolve("bin/minio"));

    Path found = MinioBinary.locate(Map.of(
        "ORGTRAIL_MINIO_BIN", configured.toString(), "PATH", onPath.getParent().toString()));

    assertThat(found).isEqualTo(configured);
  }

  @Test
  void reportsAnEnvironmentVariableThatPointsNowhere() {
    Map<String, String> env = Map.of("ORGTRAIL_MINIO_BIN", tmp.resolve("nothing").toString());

    assertThatThrownBy(() -> MinioBinary.locate(env))
        .isInstanceOf(MinioBinaryNotFoundException.class)
        .hasMessageStartingWith("MinIO binary not found (ORGTRAIL_MINIO_BIN=" + tmp.resolve("nothing"))
        .hasMessageContaining("scripts/install-minio.sh");
  }

  @Test
  void searchesThePathInOrder() throws IOException {
    Path first = executable(tmp.resolve("first/minio"));
    executable(tmp.resolve("second/minio"));
    Files.createDirectories(tmp.resolve("empty"));
    String path = String.join(":", tmp.resolve("empty").toString(), first.getParent().toString(),
        tmp.resolve("second").toString());

    assertThat(MinioBinary.locate(Map.of("PATH", path, "HOME", tmp.toString()))).isEqualTo(first);
  }

  @Test
  void ignoresANonExecutableFileOnThePath() throws IOException {
    Path notExecutable = tmp.resolve("bin/minio");
    Files.createDirectories(notExecutable.getParent());
    Files.writeString(notExecutable, "not a program");
    Path goBinary = executable(tmp.resolve("home/go/bin/minio"));

    Path found = MinioBinary.locate(Map.of("PATH", notExecutable.getParent().toString(),
        "HOME", tmp.resolve("home").toString()));

    assertThat(found).isEqualTo(goBinary);
  }

  @Test
  void failsWithInstallInstructionsWhenThereIsNone() {
    Map<String, String> env = Map.of("PATH", tmp.resolve("bin").toString(), "HOME", tmp.toString());

    assertThatThrownBy(() -> MinioBinary.locate(env))
        .isInstanceOf(MinioBinaryNotFoundException.class)
        .hasMessageStartingWith("MinIO binary not found: run scripts/install-minio.sh")
        .hasMessageContaining("or set ORGTRAIL_MINIO_BIN")
        .hasMessageContaining(tmp.resolve("go/bin/minio").toString());
  }

  static Path executable(Path path) throws IOException {
    Files.createDirectories(path.getParent());
    Files.writeString(path, "#!/bin/sh\nexit 0\n");
    Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rwxr-xr-x"));
    return path;
  }
}
