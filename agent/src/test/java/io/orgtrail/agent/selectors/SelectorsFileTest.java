package io.orgtrail.agent.selectors;

import static org.assertj.core.api.Assertions.assertThat;

import io.orgtrail.selectors.TrailSelectors;
import io.orgtrail.selectors.filter.EventFilter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SelectorsFileTest {
  @TempDir Path stateDir;

  @Test
  void savedSelectorsLoadBackCompiledAndTheFileIsReplacedWhole() throws Exception {
    SelectorsFile file = new SelectorsFile(stateDir);
    TrailSelectors first = TrailSelectors.parse("{\"EventSelectors\":[{\"ReadWriteType\":\"WriteOnly\"}]}");
    TrailSelectors second = TrailSelectors.parse("{\"AdvancedEventSelectors\":[{\"Name\":\"mgmt\",\"FieldSelectors\":"
        + "[{\"Field\":\"eventCategory\",\"Equals\":[\"Management\"]},{\"Field\":\"readOnly\",\"Equals\":[\"true\"]}]}]}");
    file.save(first);
    file.save(second);

    assertThat(file.path()).isEqualTo(stateDir.resolve("event-selectors.json"));
    assertThat(Files.readString(file.path(), StandardCharsets.UTF_8)).isEqualTo(second.toJson());
    assertThat(file.load()).get().extracting(EventFilter::fingerprint).isEqualTo(second.fingerprint());
    // No temporary files left behind next to it.
    try (var files = Files.list(stateDir)) {
      assertThat(files.map(p -> p.getFileName().toString())).containsExactly("event-selectors.json");
    }
  }

  @Test
  void nothingSavedLoadsAsNothing() {
    assertThat(new SelectorsFile(stateDir).load()).isEmpty();
  }

  @Test
  void aFileThatIsNotSelectorsLoadsAsNothing() throws Exception {
    SelectorsFile file = new SelectorsFile(stateDir);
    Files.writeString(file.path(), "{\"EventSelectors\":[{\"ReadWriteType\":");
    assertThat(file.load()).isEmpty();

    Files.writeString(file.path(), "{\"EventSelectors\":[{\"ReadWriteType\":\"Sometimes\"}]}");
    assertThat(file.load()).isEmpty();
  }

  @Test
  void aFileThatCannotBeReadLoadsAsNothing() throws Exception {
    SelectorsFile file = new SelectorsFile(stateDir);
    Files.createDirectories(file.path()); // a directory where the file should be: reading fails
    assertThat(file.load()).isEmpty();
  }
}
