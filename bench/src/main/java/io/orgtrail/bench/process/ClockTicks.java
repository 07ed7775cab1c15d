package io.orgtrail.bench.process;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/** The kernel's clock tick ({@code getconf CLK_TCK}): the unit of CPU times in {@code /proc/<pid>/stat}. */
final class ClockTicks {
  /** What Linux uses on every common architecture, when getconf cannot be run. */
  static final long USUAL = 100;

  private ClockTicks() {}

  static long perSecond() {
    try {
      Process p = new ProcessBuilder("getconf", "CLK_TCK").redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).trim();
      if (p.waitFor(5, TimeUnit.SECONDS) && p.exitValue() == 0 && out.matches("\\d+")) {
        return Long.parseLong(out);
      }
      return USUAL;
    } catch (IOException e) {
      return USUAL;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return USUAL;
    }
  }
}
