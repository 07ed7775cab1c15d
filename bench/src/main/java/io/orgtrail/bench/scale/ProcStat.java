package io.orgtrail.bench.scale;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * A process's CPU time and resident memory from Linux's {@code /proc/<pid>/stat} (utime + stime, all threads) and
 * {@code /proc/<pid>/status} (VmHWM, VmRSS).
 */
final class ProcStat {
  private final Path proc;
  private final long clockTicksPerSecond;

  /** @param clockTicksPerSecond the unit of utime and stime: {@code getconf CLK_TCK} */
  ProcStat(Path proc, long clockTicksPerSecond) {
    this.proc = proc;
    this.clockTicksPerSecond = clockTicksPerSecond;
  }

  /** The real {@code /proc}, with the system's clock tick (100 when getconf cannot tell). */
  static ProcStat system() {
    return new ProcStat(Path.of("/proc"), clockTicks());
  }

  /** User plus system CPU seconds the process used since it started. */
  double cpuSeconds(long pid) {
    String stat = read(pid, "stat");
    int close = stat.lastIndexOf(')');
    if (close < 0) {
      throw new IllegalArgumentException("not a /proc/<pid>/stat line (no ')' after the command name): " + stat);
    }
    // Counted from the last ')': the command name may hold spaces. rest[0] is field 3; utime 14, stime 15.
    String[] rest = stat.substring(close + 1).trim().split("\\s+");
    if (rest.length < 13) {
      throw new IllegalArgumentException("a /proc/<pid>/stat line with too few fields: " + stat);
    }
    return (double) (Long.parseLong(rest[11]) + Long.parseLong(rest[12])) / clockTicksPerSecond;
  }

  /** Its peak resident set size (VmHWM), bytes. */
  long peakRssBytes(long pid) {
    return statusKilobytes(read(pid, "status"), "VmHWM") * 1024;
  }

  /** Its resident set size now (VmRSS), bytes. */
  long rssBytes(long pid) {
    return statusKilobytes(read(pid, "status"), "VmRSS") * 1024;
  }

  /** Its threads now. */
  long threads(long pid) {
    return statusValue(read(pid, "status"), "Threads");
  }

  /** The number on the {@code <field>:} line of a {@code status} file. */
  static long statusValue(String status, String field) {
    for (String line : status.split("\n")) {
      if (line.startsWith(field + ":")) {
        return Long.parseLong(line.substring(field.length() + 1).trim());
      }
    }
    throw new IllegalArgumentException("no " + field + " line in /proc/<pid>/status");
  }

  /** The {@code <field>:} line of a {@code status} file, in kB. */
  static long statusKilobytes(String status, String field) {
    for (String line : status.split("\n")) {
      if (line.startsWith(field + ":")) {
        String[] parts = line.substring(field.length() + 1).trim().split("\\s+");
        if (parts.length != 2 || !parts[1].equals("kB")) {
          throw new IllegalArgumentException(field + " is not in kB: " + line);
        }
        return Long.parseLong(parts[0]);
      }
    }
    throw new IllegalArgumentException("no " + field + " line in /proc/<pid>/status (a kernel thread, or not Linux?)");
  }

  private String read(long pid, String file) {
    Path path = proc.resolve(Long.toString(pid)).resolve(file);
    try {
      return Files.readString(path);
    } catch (NoSuchFileException e) {
      throw new IllegalStateException("process " + pid + " is gone (no " + path + ")", e);
    } catch (IOException e) {
      throw new UncheckedIOException("could not read " + path + ": " + e.getMessage(), e);
    }
  }

  private static long clockTicks() {
    try {
      Process p = new ProcessBuilder("getconf", "CLK_TCK").redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).trim();
      if (p.waitFor(5, TimeUnit.SECONDS) && p.exitValue() == 0 && out.matches("\\d+")) {
        return Long.parseLong(out);
      }
    } catch (IOException e) {
      // No getconf: Linux's usual tick below.
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return 100;
  }
}
