package io.orgtrail.format.samples;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * Where the recorded CloudTrail datasets are (used by the quickstart, the tests and benchmarks): the directory named
 * by {@code ORGTRAIL_DATASETS} when set; otherwise, from a starting directory upwards, the first
 * {@code <dir>/datasets} (this repository's own copy) or {@code <dir>/shared/datasets} (the copy beside it).
 */
public final class SampleDatasets {
  public static final String ENV_VAR = "ORGTRAIL_DATASETS";
  /** A folder every datasets directory has; tells it apart from any other directory called {@code datasets}. */
  public static final String MARKER_FOLDER = "invictus-aws-dataset";

  private SampleDatasets() {}

  /**
   * The datasets directory, or empty when none is found. A set {@code ORGTRAIL_DATASETS} is returned as it is,
   * existing or not, so that the caller can say what is wrong with it.
   */
  public static Optional<Path> locate(Map<String, String> env, Path start) {
    String configured = env.get(ENV_VAR);
    if (configured != null && !configured.isBlank()) {
      return Optional.of(Path.of(configured).toAbsolutePath());
    }
    for (Path dir = start.toAbsolutePath().normalize(); dir != null; dir = dir.getParent()) {
      for (Path candidate : new Path[] {dir.resolve("datasets"), dir.resolve("shared").resolve("datasets")}) {
        if (Files.isDirectory(candidate.resolve(MARKER_FOLDER))) {
          return Optional.of(candidate);
        }
      }
    }
    return Optional.empty();
  }
}
