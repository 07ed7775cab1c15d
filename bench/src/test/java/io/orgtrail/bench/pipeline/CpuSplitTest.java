package io.orgtrail.bench.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.orgtrail.bench.process.ProcFs;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CpuSplitTest {
  private final ProcFs hundredHertz = new ProcFs(Path.of("/proc"), 100);

  @Test
  void threadsNamedAlikeWithANumberAreOneGroup() {
    assertThat(CpuSplit.group("GC Thread#0")).isEqualTo("GC Thread");
    assertThat(CpuSplit.group("G1 Conc#1")).isEqualTo("G1 Conc");
    assertThat(CpuSplit.group("pool-2-thread-13")).isEqualTo("pool-2-thread");
    assertThat(CpuSplit.group("Thread-7")).isEqualTo("Thread");
    assertThat(CpuSplit.group("orgtrail-writer")).isEqualTo("orgtrail-writer");
    assertThat(CpuSplit.group("C2 CompilerThre")).isEqualTo("C2 CompilerThre");
    assertThat(CpuSplit.group("42")).isEqualTo("42");
  }

  @Test
  void secondsPerGroupOverTheSpanLargestFirstWithEndedThreadsAsTheRest() {
    Map<Long, ProcFs.ThreadTicks> before1 = Map.of(
        1L, new ProcFs.ThreadTicks("GC Thread#0", 100), 2L, new ProcFs.ThreadTicks("GC Thread#1", 50),
        3L, new ProcFs.ThreadTicks("worker", 10), 4L, new ProcFs.ThreadTicks("short-lived-1", 70));
    Map<Long, ProcFs.ThreadTicks> after1 = Map.of(
        1L, new ProcFs.ThreadTicks("GC Thread#0", 150), 2L, new ProcFs.ThreadTicks("GC Thread#1", 70),
        3L, new ProcFs.ThreadTicks("worker", 310), 5L, new ProcFs.ThreadTicks("new-thread", 40));
    Map<Long, ProcFs.ThreadTicks> before2 = Map.of(9L, new ProcFs.ThreadTicks("worker", 0));
    Map<Long, ProcFs.ThreadTicks> after2 = Map.of(9L, new ProcFs.ThreadTicks("worker", 100));

    // The processes used 5.5 s: 5.1 s in the threads alive at the end, 0.4 s in threads that ended.
    Map<String, Double> split = CpuSplit.seconds(List.of(before1, before2), List.of(after1, after2), 5.5,
        hundredHertz);

    assertThat(split.keySet()).containsExactly("worker", "GC Thread", "new-thread", CpuSplit.EXITED);
    assertThat(split.get("worker")).isCloseTo(4.0, within(1e-9));
    assertThat(split.get("GC Thread")).isCloseTo(0.7, within(1e-9));
    assertThat(split.get("new-thread")).isCloseTo(0.4, within(1e-9));
    assertThat(split.get(CpuSplit.EXITED)).isCloseTo(0.4, within(1e-9));
  }

  @Test
  void theThreadsOfThisProcessAddUpToAtMostItsTotal() {
    ProcFs proc = ProcFs.system();
    long self = ProcessHandle.current().pid();

    Map<Long, ProcFs.ThreadTicks> threads = proc.threads(self);
    double total = proc.cpuSeconds(self);

    assertThat(threads).isNotEmpty();
    assertThat(threads.values()).extracting(ProcFs.ThreadTicks::name).anyMatch(n -> n.startsWith("GC Thread")
        || n.startsWith("C1 CompilerThre") || n.startsWith("C2 CompilerThre") || n.equals("java"));
    double inThreads = proc.seconds(threads.values().stream().mapToLong(ProcFs.ThreadTicks::ticks).sum());
    assertThat(inThreads).isLessThanOrEqualTo(total + 0.05);
  }
}
