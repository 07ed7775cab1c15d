package io.orgtrail.bench.scale;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A live-object histogram of a JVM ({@code jcmd <pid> GC.class_histogram}, which runs a full collection first): what
 * the heap holds, by class. Taken of the aggregator once the window has ended.
 *
 * @param totalBytes the live heap
 * @param top the classes holding the most bytes, largest first
 */
record ClassHistogram(long totalInstances, long totalBytes, List<Row> top) {
  private static final Pattern ROW = Pattern.compile("^\\s*\\d+:\\s+(\\d+)\\s+(\\d+)\\s+(\\S+)(?:\\s.*)?$");
  private static final Pattern TOTAL = Pattern.compile("^\\s*Total\\s+(\\d+)\\s+(\\d+)\\s*$");

  record Row(String className, long instances, long bytes) {}

  ClassHistogram {
    top = List.copyOf(top);
  }

  /**
   * Runs {@code jcmd} on {@code pid}, saves its output to {@code file} and reads it.
   *
   * @throws IOException when jcmd cannot be run or does not answer with a histogram
   */
  static ClassHistogram take(Path jcmd, long pid, Path file, int topRows) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(jcmd.toString(), Long.toString(pid), "GC.class_histogram")
        .redirectErrorStream(true).redirectOutput(file.toFile()).start();
    if (!p.waitFor(120, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new IOException("jcmd " + pid + " GC.class_histogram did not answer within 120 s; see " + file);
    }
    List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    if (p.exitValue() != 0) {
      throw new IOException("jcmd " + pid + " GC.class_histogram failed (exit " + p.exitValue() + "): "
          + String.join(" ", lines.subList(0, Math.min(3, lines.size()))));
    }
    return parse(lines, topRows);
  }

  /** @throws IOException when the lines hold no Total line */
  static ClassHistogram parse(List<String> lines, int topRows) throws IOException {
    List<Row> top = new ArrayList<>();
    for (String line : lines) {
      Matcher total = TOTAL.matcher(line);
      if (total.matches()) {
        return new ClassHistogram(Long.parseLong(total.group(1)), Long.parseLong(total.group(2)), top);
      }
      Matcher row = ROW.matcher(line);
      if (row.matches() && top.size() < topRows) {
        top.add(new Row(row.group(3), Long.parseLong(row.group(1)), Long.parseLong(row.group(2))));
      }
    }
    throw new IOException("no 'Total' line in the class histogram (" + lines.size() + " lines)");
  }
}
