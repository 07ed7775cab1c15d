package io.orgtrail.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatasetsTest {
  @TempDir Path tmp;

  /** A datasets directory: what tells it apart from any directory called datasets is its Invictus folder. */
  private Path datasetsAt(String relative) throws IOException {
    Path datasets = tmp.resolve(relative);
    Files.createDirectories(datasets.resolve("invictus-aws-dataset"));
    return datasets;
  }

  @Test
  void findsTheRepositorysOwnCopyFromAModuleDirectoryBeforeOneBesideIt() throws IOException {
    datasetsAt("shared/datasets");
    Path own = datasetsAt("checkout-1234/datasets");
    Path moduleDir = Files.createDirectories(tmp.resolve("checkout-1234/store/src"));

    assertThat(Datasets.findRoot(Map.of(), moduleDir)).isEqualTo(own);
  }

  @Test
  void findsSharedDatasetsBesideTheRepositoryFromAModuleDirectory() throws IOException {
    Path datasets = datasetsAt("shared/datasets");
    Files.createDirectories(tmp.resolve("checkout-1234/datasets")); // not a datasets directory: no Invictus folder
    Path moduleDir = Files.createDirectories(tmp.resolve("checkout-1234/store/src"));

    assertThat(Datasets.findRoot(Map.of(), moduleDir)).isEqualTo(datasets);
  }

  @Test
  void findsItFromInsideTheDatasetsDirectory() throws IOException {
    Path datasets = datasetsAt("shared/datasets");
    Path inside = datasets.resolve("invictus-aws-dataset");

    assertThat(Datasets.findRoot(Map.of(), inside)).isEqualTo(datasets);
  }

  @Test
  void theEnvironmentVariableWins() throws IOException {
    datasetsAt("shared/datasets");
    Path elsewhere = Files.createDirectories(tmp.resolve("elsewhere"));

    assertThat(Datasets.findRoot(Map.of("ORGTRAIL_DATASETS", elsewhere.toString()), tmp)).isEqualTo(elsewhere);
  }

  @Test
  void rejectsAnEnvironmentVariableThatIsNoDirectory() {
    Map<String, String> env = Map.of("ORGTRAIL_DATASETS", tmp.resolve("missing").toString());

    assertThatThrownBy(() -> Datasets.findRoot(env, tmp))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("ORGTRAIL_DATASETS=" + tmp.resolve("missing") + " is not a directory");
  }

  @Test
  void failsClearlyWhenNotFound() throws IOException {
    Path lonely = Files.createDirectories(tmp.resolve("a/b"));

    assertThatThrownBy(() -> Datasets.findRoot(Map.of(), lonely))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageStartingWith("CloudTrail datasets not found: no datasets/ or shared/datasets directory in " + lonely)
        .hasMessageContaining("set ORGTRAIL_DATASETS");
  }

  @Test
  void listsTheRecordedDatasetsOfThisCheckout() {
    List<Path> invictus = Datasets.invictusFiles();
    List<Path> stratus = Datasets.stratusFiles();
    List<Path> otrf = Datasets.otrfFiles();

    assertThat(invictus).isNotEmpty().isSorted()
        .allSatisfy(file -> assertThat(file.getFileName().toString())
            .matches("\\d{12}_CloudTrail_[a-z0-9-]+_\\d{8}T\\d{4}Z_[A-Za-z0-9]{16}\\.json"));
    assertThat(stratus).isNotEmpty().isSorted()
        .allSatisfy(file -> assertThat(file).content().startsWith("["));
    assertThat(otrf).isNotEmpty()
        .allSatisfy(file -> assertThat(file).content().startsWith("{"));
    assertThat(List.of(invictus.get(0), stratus.get(0), otrf.get(0)))
        .allSatisfy(file -> assertThat(file.getParent().getParent()).isEqualTo(Datasets.root()));
  }
}
