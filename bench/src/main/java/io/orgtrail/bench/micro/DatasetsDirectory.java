package io.orgtrail.bench.micro;

import io.orgtrail.format.samples.SampleDatasets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Where the recorded CloudTrail datasets are, without network: the system property {@value #PROPERTY} when set
 * (JMH passes the host JVM's {@code -D} options to its forks), else {@link SampleDatasets#locate} from the working
 * directory ({@code ORGTRAIL_DATASETS}, then {@code datasets/} in it or any parent, so both the repository root and
 * {@code bench/} work).
 */
public final class DatasetsDirectory {
  public static final String PROPERTY = "orgtrail.datasets";

  private DatasetsDirectory() {}

  /** The datasets directory for this JVM's system properties, environment and working directory. */
  public static Path locate() {
    return locate(System.getProperty(PROPERTY), System.getenv(), Path.of(""));
  }

  /**
   * @throws IllegalStateException when the configured directory does not exist, or none is found
   */
  public static Path locate(String configured, Map<String, String> env, Path workingDirectory) {
    Path found;
    String source;
    if (configured != null && !configured.isBlank()) {
      found = Path.of(configured).toAbsolutePath();
      source = "-D" + PROPERTY + "=" + configured;
    } else {
      found = SampleDatasets.locate(env, workingDirectory).orElseThrow(() -> new IllegalStateException(
          "CloudTrail datasets not found: no datasets/ directory in " + workingDirectory.toAbsolutePath()
              + " or any parent; run from the repository checkout or pass -D" + PROPERTY
              + "=<repo>/datasets"));
      source = "the datasets search from " + workingDirectory.toAbsolutePath();
    }
    if (!Files.isDirectory(found.resolve(RecordedEvents.DATASET))) {
      throw new IllegalStateException(source + " gives " + found + ", which has no " + RecordedEvents.DATASET
          + " folder; point -D" + PROPERTY + " at the repository's datasets/ directory");
    }
    return found;
  }
}
