package io.orgtrail.bench.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JavaThreadNamesTest {
  @Test
  void readsNamesAndNativeIdsOfAThreadDump() {
    String dump = """
        Full thread dump OpenJDK 64-Bit Server VM (17.0.15+6-Debian-1deb12u1 mixed mode, sharing):

        "main" #1 prio=5 os_prio=0 cpu=812.33ms elapsed=12.10s tid=0x00007f1c8c02a000 nid=0x4d2f waiting on condition
           java.lang.Thread.State: WAITING (parking)

        "orgtrail-agent-generator" #23 daemon prio=5 os_prio=0 cpu=5120.00ms elapsed=11.00s tid=0x7f nid=0x4d40 runnable
        "GC Thread#0" os_prio=0 cpu=10.00ms elapsed=12.00s tid=0x7f1c8c0b1000 nid=0x4d31 runnable
        "a thread with \\"quotes\\"" #30 prio=5 os_prio=0 cpu=1.00ms elapsed=1.00s tid=0x1 nid=12345 waiting
        """;

    Map<Long, String> names = JavaThreadNames.parse(dump);

    assertThat(names).containsEntry(0x4d2fL, "main")
        .containsEntry(0x4d40L, "orgtrail-agent-generator")
        .containsEntry(0x4d31L, "GC Thread#0")
        .containsEntry(12345L, "a thread with \\\"quotes\\\"")
        .hasSize(4);
  }

  @Test
  void namesTheThreadsOfARunningJvm() {
    // A JRE has no jcmd: then there are no names, and the benchmark uses the kernel's short ones.
    assumeTrue(Files.isExecutable(Path.of(System.getProperty("java.home"), "bin", "jcmd")), "a JDK with jcmd");

    Map<Long, String> names = JavaThreadNames.of(ProcessHandle.current().pid());

    assertThat(names.values()).contains(Thread.currentThread().getName());
  }
}
