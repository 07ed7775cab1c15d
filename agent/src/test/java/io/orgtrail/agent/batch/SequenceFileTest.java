package io.orgtrail.agent.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SequenceFileTest {
  @TempDir Path dir;

  @Test
  void startsAtOneAndContinuesAfterReopening() throws Exception {
    SequenceFile first = SequenceFile.open(dir, "agt-0000000000000001");
    assertThat(first.take()).isEqualTo(1);
    assertThat(first.take()).isEqualTo(2);
    assertThat(first.take()).isEqualTo(3);

    SequenceFile again = SequenceFile.open(dir, "agt-0000000000000001");
    assertThat(again.peek()).isEqualTo(4);
    assertThat(again.take()).isEqualTo(4);
    assertThat(Files.readString(dir.resolve("next-sequence-agt-0000000000000001")).trim()).isEqualTo("5");
  }

  @Test
  void keepsOneCounterPerAgent() throws Exception {
    SequenceFile.open(dir, "agt-0000000000000001").take();
    assertThat(SequenceFile.open(dir, "agt-0000000000000002").take()).isEqualTo(1);
  }

  @Test
  void refusesAFileItDidNotWrite() throws Exception {
    Files.writeString(dir.resolve("next-sequence-agt-0000000000000001"), "twelve");
    assertThatThrownBy(() -> SequenceFile.open(dir, "agt-0000000000000001"))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("next-sequence-agt-0000000000000001")
        .hasMessageContaining("'twelve'");
  }
}
