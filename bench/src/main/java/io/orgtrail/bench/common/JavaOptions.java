package io.orgtrail.bench.common;

import java.util.List;
import java.util.stream.Stream;

/** The JVM options a benchmark passes on to the processes it starts, as given in one command-line option. */
public final class JavaOptions {
  private JavaOptions() {}

  /** The words of {@code line}: split at white space, empty ones left out (so "" is no option at all). */
  public static List<String> split(String line) {
    return Stream.of(line.trim().split("\\s+")).filter(s -> !s.isEmpty()).toList();
  }
}
