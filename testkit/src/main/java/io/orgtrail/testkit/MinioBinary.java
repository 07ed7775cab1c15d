package io.orgtrail.testkit;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Finds the {@code minio} server binary. In order: env {@code ORGTRAIL_MINIO_BIN}, {@code minio} on {@code PATH},
 * {@code $HOME/go/bin/minio} (where {@code go install} puts it).
 */
public final class MinioBinary {
  public static final String ENV_VAR = "ORGTRAIL_MINIO_BIN";

  private MinioBinary() {}

  /** Finds the binary using this process's environment. */
  public static Path locate() {
    return locate(System.getenv());
  }

  /**
   * Finds the binary using {@code env} (for {@code ORGTRAIL_MINIO_BIN}, {@code PATH} and {@code HOME}).
   *
   * @throws MinioBinaryNotFoundException when there is none: tests that need MinIO must fail, not skip
   */
  public static Path locate(Map<String, String> env) {
    List<Path> tried = new ArrayList<>();
    String configured = env.get(ENV_VAR);
    if (configured != null && !configured.isBlank()) {
      Path path = Path.of(configured);
      if (isExecutableFile(path)) {
        return path;
      }
      tried.add(path);
      // An explicit setting that points nowhere is a mistake worth reporting, not something to paper over.
      throw new MinioBinaryNotFoundException(ENV_VAR + "=" + configured + " is not an executable file", tried);
    }
    Optional<Path> onPath = searchPath(env.get("PATH"), tried);
    if (onPath.isPresent()) {
      return onPath.get();
    }
    String home = env.getOrDefault("HOME", System.getProperty("user.home"));
    if (home != null && !home.isBlank()) {
      Path goBin = Path.of(home, "go", "bin", "minio");
      if (isExecutableFile(goBin)) {
        return goBin;
      }
      tried.add(goBin);
    }
    throw new MinioBinaryNotFoundException(null, tried);
  }

  private static Optional<Path> searchPath(String pathVariable, List<Path> tried) {
    if (pathVariable == null) {
      return Optional.empty();
    }
    for (String dir : pathVariable.split(File.pathSeparator)) {
      if (dir.isEmpty()) {
        continue;
      }
      Path candidate = Path.of(dir, "minio");
      if (isExecutableFile(candidate)) {
        return Optional.of(candidate);
      }
      tried.add(candidate);
    }
    return Optional.empty();
  }

  private static boolean isExecutableFile(Path path) {
    return Files.isRegularFile(path) && Files.isExecutable(path);
  }
}
