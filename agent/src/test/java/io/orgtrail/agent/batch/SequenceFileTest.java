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
  void startsAtOneAndReservesNumbersInBlocksThatSurviveReopening() throws Exception {
    SequenceFile first = SequenceFile.open(dir, "agt-0000000000000001");
    assertThat(first.limit()).isEqualTo(1);
    first.reserveThrough(1);
    assertThat(first.limit()).isEqualTo(1 + SequenceFile.BLOCK);
    first.reserveThrough(SequenceFile.BLOCK); // within the block: no write
    assertThat(Files.readString(dir.resolve("next-sequence-agt-0000000000000001")).trim())
        .isEqualTo(Long.toString(1 + SequenceFile.BLOCK));
    first.reserveThrough(1 + SequenceFile.BLOCK);

    SequenceFile again = SequenceFile.open(dir, "agt-0000000000000001");
    assertThat(again.limit()).isEqualTo(1 + 2 * SequenceFile.BLOCK);
  }

  @Test
  void keepsOneBoundPerAgentAndReadsTheExactNumberEarlierVersionsWrote() throws Exception {
    SequenceFile.open(dir, "agt-0000000000000001").reserveThrough(1);
    assertThat(SequenceFile.open(dir, "agt-0000000000000002").limit()).isEqualTo(1);
    Files.writeString(dir.resolve("next-sequence-agt-0000000000000003"), "42\n");
    assertThat(SequenceFile.open(dir, "agt-0000000000000003").limit()).isEqualTo(42);
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
