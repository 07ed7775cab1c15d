package io.orgtrail.bench.micro;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatasetsDirectoryTest {
  @TempDir Path tmp;

  @Test
  void findsTheRepositoryDatasetsFromTheModuleDirectory() {
    Path found = DatasetsDirectory.locate(null, Map.of(), Path.of(""));

    assertThat(found.resolve(RecordedEvents.DATASET)).isDirectory();
    assertThat(found.getFileName()).hasToString("datasets");
  }

  @Test
  void theSystemPropertyWinsOverTheSearch() throws IOException {
    Files.createDirectories(tmp.resolve("copy").resolve(RecordedEvents.DATASET));

    Path found = DatasetsDirectory.locate(tmp.resolve("copy").toString(), Map.of(), Path.of(""));

    assertThat(found).isEqualTo(tmp.resolve("copy").toAbsolutePath());
  }

  @Test
  void aConfiguredDirectoryWithoutTheDatasetIsRefusedWithWhatToDo() {
    assertThatThrownBy(() -> DatasetsDirectory.locate(tmp.toString(), Map.of(), Path.of("")))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("-Dorgtrail.datasets=" + tmp)
        .hasMessageContaining("no " + RecordedEvents.DATASET + " folder")
        .hasMessageContaining("point -Dorgtrail.datasets at the repository's datasets/ directory");
  }

  @Test
  void nothingFoundNamesWhereItLookedAndTheProperty() {
    assertThatThrownBy(() -> DatasetsDirectory.locate(null, Map.of(), tmp))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining(tmp.toString())
        .hasMessageContaining("-Dorgtrail.datasets=");
  }
}
