package io.orgtrail.bench.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OrgtrailJarTest {
  @TempDir Path dir;

  @Test
  void findsTheJarInTheRepositoryAboveTheWorkingDirectory() throws Exception {
    Path jar = dir.resolve("cli/target/orgtrail.jar");
    Files.createDirectories(jar.getParent());
    Files.write(jar, new byte[] {1});
    Path bench = Files.createDirectories(dir.resolve("bench/src"));

    assertThat(OrgtrailJar.locate(bench, Map.of())).contains(jar.toAbsolutePath());
  }

  @Test
  void theEnvironmentVariableWins() {
    assertThat(OrgtrailJar.locate(dir, Map.of("ORGTRAIL_JAR", "/opt/orgtrail.jar"))).contains(Path.of("/opt/orgtrail.jar"));
  }

  @Test
  void nothingWhenThereIsNoJar() {
    assertThat(OrgtrailJar.locate(dir, Map.of())).isEmpty();
  }
}
