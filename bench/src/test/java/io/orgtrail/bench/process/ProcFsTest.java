package io.orgtrail.bench.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import org.junit.jupiter.api.Test;

/** /proc parsing, on this very process and on lines written out. */
class ProcFsTest {
  private final ProcFs proc = ProcFs.system();
  private final long self = ProcessHandle.current().pid();

  @Test
  void cpuTimeOfThisProcessGrowsWithWork() throws Exception {
    double before = proc.cpuSeconds(self);
    long threadCpuBefore = ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
    MessageDigest sha = MessageDigest.getInstance("SHA-256");
    byte[] block = "work".repeat(4096).getBytes(StandardCharsets.US_ASCII);
    // Work until this thread alone used 0.3 s of CPU: the process's utime+stime (10 ms ticks) must show it.
    while (ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime() - threadCpuBefore < 300_000_000L) {
      sha.update(block);
    }
    double after = proc.cpuSeconds(self);

    assertThat(before).isPositive();
    assertThat(after - before).isGreaterThanOrEqualTo(0.25);
  }

  @Test
  void peakRssOfThisProcessIsAtLeastWhatTheHeapHolds() {
    long used = Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory();

    assertThat(proc.peakRssBytes(self)).isGreaterThan(used / 2).isGreaterThan(10_000_000L);
  }

  @Test
  void countsFieldsFromTheLastParenthesisSoCommandNamesMayHoldSpacesAndParentheses() {
    // pid (comm) state ppid pgrp session tty tpgid flags minflt cminflt majflt cmajflt utime stime cutime ...
    String stat = "4242 (my (odd) name) S 1 4242 4242 0 -1 4194560 1000 0 0 0 1234 567 89 10 20 0 12 0 100 0";

    assertThat(ProcFs.cpuTicks(stat)).isEqualTo(1234 + 567);
  }

  @Test
  void readsMemoryInKilobytesAndPlainNumbersFromStatus() {
    String status = "Name:\tjava\nVmPeak:\t 9000000 kB\nVmHWM:\t  204800 kB\nVmRSS:\t  100000 kB\nThreads:\t42\n";

    assertThat(ProcFs.statusKilobytes(status, "VmHWM")).isEqualTo(204_800);
    assertThat(ProcFs.statusKilobytes(status, "VmRSS")).isEqualTo(100_000);
    assertThat(ProcFs.statusValue(status, "Threads")).isEqualTo(42);
    assertThatThrownBy(() -> ProcFs.statusKilobytes("Name:\tkthreadd\n", "VmHWM")).hasMessageContaining("no VmHWM");
    assertThatThrownBy(() -> ProcFs.statusKilobytes(status, "Threads")).hasMessageContaining("Threads is not in kB");
  }

  @Test
  void residentMemoryAndThreadsOfThisProcess() {
    assertThat(proc.rssBytes(self)).isPositive().isLessThanOrEqualTo(proc.peakRssBytes(self));
    assertThat(proc.threadCount(self)).isGreaterThanOrEqualTo(Thread.activeCount());
  }

  @Test
  void aProcessThatIsGoneIsNamed() throws Exception {
    Process p = new ProcessBuilder("true").start();
    p.waitFor();

    assertThatThrownBy(() -> proc.cpuSeconds(p.pid())).hasMessageContaining("process " + p.pid() + " is gone");
  }

  @Test
  void theClockTickIsTheKernelsOrTheUsualOne() {
    assertThat(ClockTicks.perSecond()).isPositive();
  }
}
