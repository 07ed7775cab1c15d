package io.orgtrail.chaos;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.utility.DockerImageName;

/**
 * The images under test, built from this checkout by the project's own script ({@code scripts/build-images.sh}):
 * the Dockerfiles in {@code docker/} with the jar this build just made, so the suite tests what ships. The script
 * also starts the engine and prepares the base images locally where no registry is reachable (both no-ops when
 * done already).
 */
record OrgtrailImages(DockerImageName aggregator, DockerImageName agent, DockerImageName minio) {
  static final String TAG = "chaos";

  static OrgtrailImages build(Path repository, Path logDir) throws IOException, InterruptedException {
    Path jar = repository.resolve("cli/target/orgtrail.jar");
    if (!Files.isRegularFile(jar)) {
      throw new AssertionError(jar + " is missing: the cli module's package phase builds it (mvn verify runs it first)");
    }
    Files.createDirectories(logDir);
    Path log = logDir.resolve("build-images.log");
    ProcessBuilder pb = new ProcessBuilder("bash", repository.resolve("scripts/build-images.sh").toString())
        .directory(repository.toFile())
        .redirectErrorStream(true)
        .redirectOutput(log.toFile());
    pb.environment().put("ORGTRAIL_IMAGE_TAG", TAG);
    pb.environment().put("ORGTRAIL_JAR", jar.toString());
    Process process = pb.start();
    if (!process.waitFor(15, TimeUnit.MINUTES)) {
      process.destroyForcibly();
      throw new AssertionError("scripts/build-images.sh did not finish within 15 minutes; see " + log);
    }
    if (process.exitValue() != 0) {
      List<String> lines = Files.readAllLines(log);
      throw new AssertionError("scripts/build-images.sh failed (exit " + process.exitValue() + "); it needs root, "
          + "docker.io and a Debian mirror on a fresh machine. Its last lines:\n"
          + String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size())));
    }
    if (!DockerClientFactory.instance().isDockerAvailable()) {
      throw new AssertionError("the engine runs (build-images.sh used it) but Testcontainers cannot reach it; "
          + "check DOCKER_HOST and /var/run/docker.sock");
    }
    return new OrgtrailImages(image("aggregator"), image("agent"), image("minio"));
  }

  private static DockerImageName image(String name) {
    return DockerImageName.parse("orgtrail/" + name + ":" + TAG);
  }
}
