package io.orgtrail.bench.pipeline;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A JVM's full thread names by native thread id, from {@code jcmd <pid> Thread.print}: the kernel keeps only 15
 * bytes of a name, too few to tell {@code orgtrail-agent-generator} from {@code orgtrail-agent-pipeline}. Empty when
 * there is no jcmd (a JRE) or it fails; the kernel's names are used then.
 */
final class JavaThreadNames {
  private static final Pattern THREAD = Pattern.compile("^\"(.*)\" .*\\bnid=(0x[0-9a-fA-F]+|\\d+)\\b");
  private static final long TIMEOUT_SECONDS = 20;

  private JavaThreadNames() {}

  static Map<Long, String> of(long pid) {
    Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
    if (!Files.isExecutable(jcmd)) {
      return Map.of();
    }
    try {
      Process p = new ProcessBuilder(jcmd.toString(), Long.toString(pid), "Thread.print")
          .redirectErrorStream(true).start();
      p.getOutputStream().close();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS) || p.exitValue() != 0) {
        p.destroyForcibly();
        return Map.of();
      }
      return parse(out);
    } catch (IOException e) {
      return Map.of();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Map.of();
    }
  }

  /** Thread names by native id from a thread dump ({@code nid} in hex, as JDK 17 prints it, or decimal). */
  static Map<Long, String> parse(String threadDump) {
    Map<Long, String> names = new HashMap<>();
    for (String line : threadDump.split("\n")) {
      Matcher m = THREAD.matcher(line);
      if (m.find()) {
        String nid = m.group(2);
        long id = nid.startsWith("0x") ? Long.parseLong(nid.substring(2), 16) : Long.parseLong(nid);
        names.put(id, m.group(1));
      }
    }
    return names;
  }
}
