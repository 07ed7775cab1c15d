package io.orgtrail.aggregator.sequence;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.orgtrail.format.files.AtomicFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

/**
 * The per-agent durable sequences on disk: {@code <stateDir>/sequences.json}, replaced atomically. Version 2 adds
 * the partly durable batches ({@code partial}); version 1 files (without them) are read as they are.
 */
public final class SequenceStateFile {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int VERSION = 2;
  private static final int OLDEST_READABLE = 1;

  record Content(
      @JsonProperty("version") int version, @JsonProperty("agents") Map<String, DurableSequences> agents) {}

  private final Path file;

  public SequenceStateFile(Path stateDir) {
    this.file = stateDir.resolve("sequences.json");
  }

  public Path path() {
    return file;
  }

  /** The saved state, or an empty one when there is no file yet. */
  public Map<String, DurableSequences> load() throws IOException {
    if (!Files.exists(file)) {
      return Map.of();
    }
    Content c;
    try {
      c = JSON.readValue(Files.readAllBytes(file), Content.class);
    } catch (IOException e) {
      throw new IOException(
          "aggregator state " + file + " is not readable (" + e.getMessage() + "); restore it from a backup, or "
              + "move it away to start afresh (resent batches may then be written twice)", e);
    }
    if (c.version() < OLDEST_READABLE || c.version() > VERSION) {
      throw new IOException("aggregator state " + file + " has version " + c.version() + "; this aggregator reads "
          + "versions " + OLDEST_READABLE + " to " + VERSION + " (a newer orgtrail wrote it? run that one)");
    }
    return c.agents() == null ? Map.of() : c.agents();
  }

  public void save(Map<String, DurableSequences> agents) throws IOException {
    AtomicFiles.write(file, JSON.writeValueAsBytes(new Content(VERSION, new TreeMap<>(agents))));
  }
}
