package io.orgtrail.bench.scale;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The aggregator's garbage collections, from the log the JVM writes with
 * {@code -Xlog:gc:file=<file>:timemillis} ({@link #jvmOption}): one line per pause with the heap used before and
 * after it and the heap committed, e.g. {@code [1732182000123ms] GC(3) Pause Young (Normal) (G1 Evacuation Pause)
 * 51M->4M(1024M) 3.456ms}. The heap used after a collection is the best outside view of what the aggregator really
 * holds; the heap used before it mostly says how much garbage accumulates between collections.
 */
final class GcLog {
  private static final Pattern PAUSE = Pattern.compile(
      "^\\[(\\d+)ms\\] GC\\(\\d+\\) Pause (.+?) (\\d+)([KMG])->(\\d+)([KMG])\\((\\d+)([KMG])\\) ([\\d.]+)ms$");

  /** One stop-the-world pause. */
  record Pause(long atEpochMillis, String kind, long beforeBytes, long afterBytes, long committedBytes,
      double millis) {
    boolean full() {
      return kind.startsWith("Full");
    }
  }

  /**
   * The pauses of an interval.
   *
   * @param peakAfterBytes the most heap in use right after a collection
   * @param peakBeforeBytes the most heap in use right before one
   * @param peakCommittedBytes the most heap the JVM had reserved from the OS
   */
  record Figures(int pauses, int fullPauses, double totalPauseMillis, double maxPauseMillis, long peakAfterBytes,
      long peakBeforeBytes, long peakCommittedBytes) {}

  private GcLog() {}

  /** The JVM option that writes the log this class reads. */
  static String jvmOption(Path file) {
    String path = file.toAbsolutePath().toString();
    if (path.contains(":") || path.contains(",") || path.contains(" ")) {
      throw new IllegalArgumentException("the GC log path " + path + " holds ':', ',' or a space, which -Xlog cannot "
          + "take; use a work directory (--dir) without them");
    }
    return "-Xlog:gc:file=" + path + ":timemillis";
  }

  static List<Pause> read(Path file) throws IOException {
    return Files.exists(file) ? parse(Files.readAllLines(file, StandardCharsets.UTF_8)) : List.of();
  }

  /** The pauses among {@code lines}; other lines (the collector's name, concurrent phases) are skipped. */
  static List<Pause> parse(List<String> lines) {
    List<Pause> pauses = new ArrayList<>();
    for (String line : lines) {
      Matcher m = PAUSE.matcher(line.trim());
      if (m.matches()) {
        pauses.add(new Pause(Long.parseLong(m.group(1)), m.group(2),
            bytes(m.group(3), m.group(4)), bytes(m.group(5), m.group(6)), bytes(m.group(7), m.group(8)),
            Double.parseDouble(m.group(9))));
      }
    }
    return pauses;
  }

  /** The pauses from {@code fromMillis} (inclusive) to {@code toMillis} (exclusive), epoch milliseconds. */
  static Figures figures(List<Pause> pauses, long fromMillis, long toMillis) {
    int count = 0;
    int full = 0;
    double total = 0;
    double max = 0;
    long after = 0;
    long before = 0;
    long committed = 0;
    for (Pause p : pauses) {
      if (p.atEpochMillis() < fromMillis || p.atEpochMillis() >= toMillis) {
        continue;
      }
      count++;
      full += p.full() ? 1 : 0;
      total += p.millis();
      max = Math.max(max, p.millis());
      after = Math.max(after, p.afterBytes());
      before = Math.max(before, p.beforeBytes());
      committed = Math.max(committed, p.committedBytes());
    }
    return new Figures(count, full, total, max, after, before, committed);
  }

  private static long bytes(String value, String unit) {
    long n = Long.parseLong(value);
    return switch (unit) {
      case "K" -> n << 10;
      case "M" -> n << 20;
      default -> n << 30;
    };
  }
}
