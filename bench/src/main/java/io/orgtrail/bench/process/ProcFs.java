package io.orgtrail.bench.process;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A process's CPU time and peak resident memory, from Linux's {@code /proc/<pid>/stat} (utime + stime, all threads)
 * and {@code /proc/<pid>/status} (VmHWM, VmRSS, Threads).
 */
public final class ProcFs {
  private final Path proc;
  private final long clockTicksPerSecond;

  /** @param clockTicksPerSecond the unit of utime and stime: {@code getconf CLK_TCK}, 100 on usual kernels */
  public ProcFs(Path proc, long clockTicksPerSecond) {
    this.proc = proc;
    this.clockTicksPerSecond = clockTicksPerSecond;
  }

  /** The real {@code /proc}, with the system's clock tick. */
  public static ProcFs system() {
    return new ProcFs(Path.of("/proc"), ClockTicks.perSecond());
  }

  /** User plus system CPU seconds the process used since it started. */
  public double cpuSeconds(long pid) {
    return (double) cpuTicks(read(pid, "stat")) / clockTicksPerSecond;
  }

  /** One thread: its name (the kernel keeps the first 15 bytes of Java's) and its utime + stime in ticks. */
  public record ThreadTicks(String name, long ticks) {}

  /** The process's live threads by thread id; threads that exit between two reads are missing from the second. */
  public Map<Long, ThreadTicks> threads(long pid) {
    Map<Long, ThreadTicks> threads = new HashMap<>();
    Path tasks = proc.resolve(Long.toString(pid)).resolve("task");
    try (Stream<Path> dirs = Files.list(tasks)) {
      for (Path task : dirs.toList()) {
        try {
          String stat = Files.readString(task.resolve("stat"));
          threads.put(Long.parseLong(task.getFileName().toString()), new ThreadTicks(commandName(stat), cpuTicks(stat)));
        } catch (NoSuchFileException exited) {
          // The thread ended while we listed: its time is in the process's, not in any thread's.
        }
      }
    } catch (NoSuchFileException e) {
      throw new IllegalStateException("process " + pid + " is gone (no " + tasks + ")", e);
    } catch (IOException e) {
      throw new UncheckedIOException("could not read " + tasks + ": " + e.getMessage(), e);
    }
    return threads;
  }

  /** CPU seconds of {@code ticks} clock ticks. */
  public double seconds(long ticks) {
    return (double) ticks / clockTicksPerSecond;
  }

  /** Field 2 of a stat line, without its parentheses. */
  static String commandName(String stat) {
    int open = stat.indexOf('(');
    int close = stat.lastIndexOf(')');
    if (open < 0 || close < open) {
      throw new IllegalArgumentException("not a /proc/<pid>/stat line (no command name in parentheses): " + stat);
    }
    return stat.substring(open + 1, close);
  }

  /** Its peak resident set size (VmHWM) in bytes. */
  public long peakRssBytes(long pid) {
    return statusKilobytes(read(pid, "status"), "VmHWM") * 1024;
  }

  /** Its resident set size now (VmRSS) in bytes. */
  public long rssBytes(long pid) {
    return statusKilobytes(read(pid, "status"), "VmRSS") * 1024;
  }

  /** How many threads it has now. */
  public long threadCount(long pid) {
    return statusValue(read(pid, "status"), "Threads");
  }

  /**
   * utime + stime (fields 14 and 15) of a {@code stat} line. The command name (field 2) is in parentheses and may
   * itself hold spaces and parentheses, so fields are counted from the last ')'.
   */
  static long cpuTicks(String stat) {
    int close = stat.lastIndexOf(')');
    if (close < 0) {
      throw new IllegalArgumentException("not a /proc/<pid>/stat line (no ')' after the command name): " + stat);
    }
    String[] rest = stat.substring(close + 1).trim().split("\\s+");
    // rest[0] is field 3 (state): utime is field 14, stime field 15.
    if (rest.length < 13) {
      throw new IllegalArgumentException("a /proc/<pid>/stat line with too few fields: " + stat);
    }
    return Long.parseLong(rest[11]) + Long.parseLong(rest[12]);
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
}
