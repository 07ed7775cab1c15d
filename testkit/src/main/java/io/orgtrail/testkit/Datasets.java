package io.orgtrail.testkit;

import io.orgtrail.format.samples.SampleDatasets;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The recorded CloudTrail datasets: the repository's own {@code datasets/}, or {@code shared/datasets} beside it, or
 * {@code ORGTRAIL_DATASETS} (see {@link SampleDatasets#locate}), found from the repo root or a module directory.
 */
public final class Datasets {
  public static final String ENV_VAR = SampleDatasets.ENV_VAR;
  public static final String INVICTUS = "invictus-aws-dataset";
  public static final String STRATUS = "stratus-red-team";
  public static final String OTRF = "otrf-security-datasets";

  private Datasets() {}

  /** The datasets directory; fails with what was searched when there is none. */
  public static Path root() {
    return findRoot(System.getenv(), Path.of("").toAbsolutePath());
  }

  /** Invictus CloudTrail log files ({@code {"Records":[...]}}), sorted by name. */
  public static List<Path> invictusFiles() {
    return jsonFiles(INVICTUS);
  }

  /** Stratus Red Team detonation logs (bare JSON arrays of events), sorted by name. */
  public static List<Path> stratusFiles() {
    return jsonFiles(STRATUS);
  }

  /** OTRF exports (one JSON event per line), sorted by name. */
  public static List<Path> otrfFiles() {
    return jsonFiles(OTRF);
  }

  /**
   * The datasets directory for the given environment and starting directory.
   *
   * @throws IllegalStateException when {@code ORGTRAIL_DATASETS} names no directory, or none is found upwards
   */
  public static Path findRoot(Map<String, String> env, Path start) {
    Path found = SampleDatasets.locate(env, start).orElseThrow(() -> new IllegalStateException(
        "CloudTrail datasets not found: no datasets/ or shared/datasets directory in " + start.toAbsolutePath()
            + " or any parent (the repository carries them in datasets/); run from the checkout or set " + ENV_VAR
            + " to the datasets directory"));
    if (!Files.isDirectory(found)) {
      throw new IllegalStateException(ENV_VAR + "=" + env.get(ENV_VAR) + " is not a directory; point it at the"
          + " recorded CloudTrail datasets (the repository's datasets/ directory) or unset it");
    }
    return found;
  }

  private static List<Path> jsonFiles(String dataset) {
    Path dir = root().resolve(dataset);
    if (!Files.isDirectory(dir)) {
      throw new IllegalStateException("dataset " + dataset + " is missing from " + dir.getParent());
    }
    try (Stream<Path> files = Files.list(dir)) {
      List<Path> json = files
          .filter(Files::isRegularFile)
          .filter(path -> path.getFileName().toString().endsWith(".json"))
          .sorted()
          .toList();
      if (json.isEmpty()) {
        throw new IllegalStateException("dataset " + dataset + " in " + dir + " holds no .json files");
      }
      return json;
    } catch (IOException e) {
      throw new UncheckedIOException("could not list " + dir + ": " + e.getMessage(), e);
    }
  }
}
