package io.orgtrail.bench.common;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/** Finds the orgtrail command-line jar the processes run: $ORGTRAIL_JAR, or cli/target/orgtrail.jar above here. */
public final class OrgtrailJar {
  public static final String ENV_VAR = "ORGTRAIL_JAR";
  public static final Path IN_REPOSITORY = Path.of("cli", "target", "orgtrail.jar");

  private OrgtrailJar() {}

  public static Optional<Path> locate(Path from, Map<String, String> env) {
    String named = env.get(ENV_VAR);
    if (named != null && !named.isBlank()) {
      return Optional.of(Path.of(named).toAbsolutePath());
    }
    for (Path dir = from.toAbsolutePath(); dir != null; dir = dir.getParent()) {
      Path jar = dir.resolve(IN_REPOSITORY);
      if (Files.isRegularFile(jar)) {
        return Optional.of(jar);
      }
    }
    return Optional.empty();
  }
}
