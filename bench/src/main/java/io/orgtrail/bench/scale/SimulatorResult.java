package io.orgtrail.bench.scale;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A simulator process's result file: its streams, and the acknowledgement latencies of the batches acknowledged
 * during the window (from sealing the batch to its acknowledgement, milliseconds).
 *
 * @param drained whether every sent batch was answered before the drain timeout
 */
record SimulatorResult(
    @JsonProperty("streams") List<StreamResult> streams,
    @JsonProperty("windowLatenciesMillis") long[] windowLatenciesMillis,
    @JsonProperty("drained") boolean drained) {
  private static final ObjectMapper JSON = new ObjectMapper();

  SimulatorResult {
    streams = List.copyOf(streams);
  }

  void write(Path file) throws IOException {
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    JSON.writeValue(tmp.toFile(), this);
    Files.move(tmp, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
  }

  static SimulatorResult read(Path file) throws IOException {
    return JSON.readValue(file.toFile(), SimulatorResult.class);
  }
}
