package io.orgtrail.bench.pipeline;

import io.orgtrail.bench.process.ProcFs;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Where a kind of process spent its CPU over the window, by thread group: threads named alike with a number
 * ({@code GC Thread#0}, {@code grpc-default-executor-3}, cut by the kernel to 15 bytes) are one group. Time of
 * threads that ended during the window is only in the process's total: it is the {@link #EXITED} group.
 */
final class CpuSplit {
  static final String EXITED = "(threads that ended)";
  private static final Pattern NUMBERED = Pattern.compile("[#\\-_ ]?\\d+$");

  private CpuSplit() {}

  /** The group a thread name belongs to: without its trailing number. */
  static String group(String threadName) {
    String g = threadName;
    for (String shorter = NUMBERED.matcher(g).replaceAll(""); !shorter.equals(g) && !shorter.isEmpty();
        shorter = NUMBERED.matcher(g).replaceAll("")) {
      g = shorter;
    }
    return g;
  }

  /**
   * CPU seconds per group between two reads of the same processes' threads (one map per process), in descending
   * order, with what the processes' totals hold beyond their threads' as {@link #EXITED}.
   *
   * @param processSeconds the processes' CPU seconds over the same span, summed (/proc/<pid>/stat)
   */
  static Map<String, Double> seconds(List<Map<Long, ProcFs.ThreadTicks>> before,
      List<Map<Long, ProcFs.ThreadTicks>> after, double processSeconds, ProcFs proc) {
    Map<String, Long> ticks = new HashMap<>();
    for (int i = 0; i < after.size(); i++) {
      Map<Long, ProcFs.ThreadTicks> start = before.get(i);
      for (Map.Entry<Long, ProcFs.ThreadTicks> t : after.get(i).entrySet()) {
        ProcFs.ThreadTicks then = start.get(t.getKey());
        long used = t.getValue().ticks() - (then == null ? 0 : then.ticks());
        ticks.merge(group(t.getValue().name()), used, Long::sum);
      }
    }
    Map<String, Double> seconds = new LinkedHashMap<>();
    double inThreads = 0;
    for (Map.Entry<String, Long> e : ticks.entrySet().stream()
        .sorted(Map.Entry.<String, Long>comparingByValue().reversed()).toList()) {
      double s = proc.seconds(e.getValue());
      inThreads += s;
      seconds.put(e.getKey(), s);
    }
    // Ticks are counted per thread and per process separately; a small negative rest is rounding.
    seconds.put(EXITED, Math.max(0, processSeconds - inThreads));
    return seconds;
  }
}
