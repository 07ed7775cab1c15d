package io.orgtrail.bench.rsyslog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Offsets of this very process's open files, from the real /proc. */
class ProcessReadOffsetsTest {
  @TempDir Path dir;

  private final ProcessReadOffsets offsets = ProcessReadOffsets.of(ProcessHandle.current().pid());

  @Test
  void seesHowFarThisProcessReadAFileItHasOpen() throws Exception {
    Path file = Files.write(dir.resolve("events-000001.log"), new byte[10_000]);
    try (FileChannel in = FileChannel.open(file, StandardOpenOption.READ)) {
      assertThat(offsets.offset(file)).isZero();
      in.read(ByteBuffer.allocate(4_096));
      assertThat(offsets.offset(file)).isEqualTo(4_096);
      in.read(ByteBuffer.allocate(10_000));
      assertThat(offsets.offset(dir.resolve(".").resolve("events-000001.log"))).as("the same file, another spelling")
          .isEqualTo(10_000);
    }

    assertThat(offsets.offset(file)).as("closed").isEqualTo(-1);
  }

  @Test
  void aFileThatIsNotOpenHasNoOffset() throws Exception {
    assertThat(offsets.offset(Files.writeString(dir.resolve("never-opened.log"), "x\n"))).isEqualTo(-1);
  }

  @Test
  void readsThePosLineOfFdInfo() {
    assertThat(ProcessReadOffsets.positionOf("pos:\t12345\nflags:\t0100000\nmnt_id:\t29\nino:\t1234\n"))
        .isEqualTo(12345);
    assertThatThrownBy(() -> ProcessReadOffsets.positionOf("flags:\t0\n")).hasMessageContaining("no pos:");
  }
}
