package io.orgtrail.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The recorded CloudTrail datasets ({@code shared/datasets}, beside the repository). Env {@code ORGTRAIL_DATASETS}
 * wins; otherwise it is searched from the working directory upwards: at each level, {@code <dir>/shared/datasets}
 * (and {@code <dir>} itself when it is a {@code shared/datasets} directory). So both /work/main (with /work/shared)
 * and a CI checkout in a temp dir with {@code shared/} beside it work, from the repo root or a module directory.
 */
public final class Datasets {
  public static final String ENV_VAR = "ORGTRAIL_DATASETS";
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
    String configured = env.get(ENV_VAR);
    if (configured != null && !configured.isBlank()) {
      Path path = Path.of(configured).toAbsolutePath();
      if (!Files.isDirectory(path)) {
        throw new IllegalStateException(ENV_VAR + "=" + configured + " is not a directory; point it at the"
            + " recorded CloudTrail datasets (the shared/datasets directory) or unset it");
      }
      return path;
    }
    return searchUpwards(start.toAbsolutePath().normalize()).orElseThrow(() -> new IllegalStateException(
        "CloudTrail datasets not found: no shared/datasets directory in " + start.toAbsolutePath()
            + " or any parent (the repository is expected next to a shared/ directory, e.g. /work/main and"
            + " /work/shared); clone it there or set " + ENV_VAR + " to the datasets directory"));
  }

  private static Optional<Path> searchUpwards(Path start) {
    for (Path dir = start; dir != null; dir = dir.getParent()) {
      Path candidate = dir.resolve("shared").resolve("datasets");
      if (Files.isDirectory(candidate)) {
        return Optional.of(candidate);
      }
      Path parent = dir.getParent();
      if (dir.getFileName() != null && dir.getFileName().toString().equals("datasets")
          && parent != null && parent.getFileName() != null && parent.getFileName().toString().equals("shared")) {
        return Optional.of(dir);
      }
    }
    return Optional.empty();
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
