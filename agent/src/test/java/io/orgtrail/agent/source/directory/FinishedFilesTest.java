package io.orgtrail.agent.source.directory;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FinishedFilesTest {
  @TempDir Path dir;

  @Test
  void remembersFilesByPathSizeAndTimeAcrossReopening() throws Exception {
    Path odd = Files.writeString(dir.resolve("tab\there\\and\nnewline.json"), "[]");
    Path plain = Files.writeString(dir.resolve("plain.json"), "[]");
    FileIdentity oddId = new FileIdentity(odd, 2, 1000);
    FileIdentity plainId = new FileIdentity(plain, 2, 2000);
    try (FinishedFiles f = FinishedFiles.open(dir.resolve("state"))) {
      f.add(oddId, FinishedFiles.DELIVERED);
      f.add(plainId, FinishedFiles.UNREADABLE);
    }
    try (FinishedFiles f = FinishedFiles.open(dir.resolve("state"))) {
      assertThat(f.contains(oddId)).isTrue();
      assertThat(f.contains(plainId)).isTrue();
      assertThat(f.contains(new FileIdentity(plain, 3, 2000))).as("same path, other content").isFalse();
    }
  }

  @Test
  void forgetsFilesThatAreGoneAndToleratesALineCutShortByACrash() throws Exception {
    Path kept = Files.writeString(dir.resolve("kept.json"), "[]");
    Path gone = Files.writeString(dir.resolve("gone.json"), "[]");
    try (FinishedFiles f = FinishedFiles.open(dir.resolve("state"))) {
      f.add(new FileIdentity(kept, 2, 1), FinishedFiles.DELIVERED);
      f.add(new FileIdentity(gone, 2, 1), FinishedFiles.DELIVERED);
    }
    Files.delete(gone);
    Files.write(dir.resolve("state/finished-files.tsv"), "12\t34".getBytes(StandardCharsets.UTF_8),
        StandardOpenOption.APPEND);
    try (FinishedFiles f = FinishedFiles.open(dir.resolve("state"))) {
      assertThat(f.size()).isEqualTo(1);
      assertThat(f.contains(new FileIdentity(kept, 2, 1))).isTrue();
    }
    assertThat(Files.readAllLines(dir.resolve("state/finished-files.tsv"))).hasSize(1);
  }
}
