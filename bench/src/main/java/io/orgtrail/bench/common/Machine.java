package io.orgtrail.bench.common;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/** What the figures were measured on: cores the JVM sees (as {@code nproc}) and the CPU model. */
public final class Machine {
  private Machine() {}

  public static String describe() {
    return Runtime.getRuntime().availableProcessors() + " cores (nproc), " + cpuModel() + ", "
        + System.getProperty("java.vm.name") + " " + System.getProperty("java.version") + ", "
        + System.getProperty("os.name").toLowerCase(Locale.ROOT) + " " + System.getProperty("os.version");
  }

  private static String cpuModel() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
        if (line.startsWith("model name")) {
          return line.substring(line.indexOf(':') + 1).trim();
        }
      }
    } catch (IOException e) {
      // Not Linux, or /proc hidden: the core count still says something.
    }
    return "unknown CPU model";
  }
}
