package io.orgtrail.cli.datasets;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.orgtrail.format.record.InvalidFileException;
import io.orgtrail.format.record.RecordSplitter;
import io.orgtrail.format.record.SourceRecord;
import io.orgtrail.format.samples.SampleDatasets;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The recorded CloudTrail events the repository carries ({@code datasets/}), made ready to feed to
 * an agent of another account: {@code recipientAccountId} is rewritten to that account, and records exported by
 * Logstash (no {@code eventTime}, an {@code @timestamp} instead) get their eventTime back. Files keep their shape
 * (CloudTrail log file, JSON array, JSON lines), so every source format is exercised.
 */
public final class RecordedDatasets {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final Path root;

  public RecordedDatasets(Path root) {
    this.root = root;
  }

  public Path root() {
    return root;
  }

  /** Finds the datasets: an explicit path, else {@link SampleDatasets#locate} from {@code start}. */
  public static Optional<Path> locate(Path explicit, Map<String, String> env, Path start) {
    if (explicit != null) {
      return Optional.of(explicit).filter(Files::isDirectory);
    }
    return SampleDatasets.locate(env, start).filter(Files::isDirectory);
  }

  /** The .json files of one dataset folder (e.g. {@code invictus-aws-dataset}), sorted by name. */
  public List<Path> files(String folder) throws IOException {
    Path dir = root.resolve(folder);
    if (!Files.isDirectory(dir)) {
      throw new IOException("dataset folder " + dir + " does not exist");
    }
    try (Stream<Path> s = Files.list(dir)) {
      return s.filter(p -> p.getFileName().toString().endsWith(".json")).sorted().toList();
    }
  }

  /** Rewrites one dataset file for {@code account}; returns the new file's bytes and its eventIDs. */
  public Rewritten rewrite(Path file, String account) throws IOException {
    byte[] content = Files.readAllBytes(file);
    List<SourceRecord> records;
    try {
      records = new RecordSplitter().split(content);
    } catch (InvalidFileException e) {
      throw new IOException(file + ": " + e.getMessage(), e);
    }
    List<ObjectNode> rewritten = new ArrayList<>();
    List<String> eventIds = new ArrayList<>();
    for (SourceRecord r : records) {
      ObjectNode node = (ObjectNode) JSON.readTree(r.json());
      node.put("recipientAccountId", account);
      JsonNode identity = node.get("userIdentity");
      if (identity instanceof ObjectNode id && id.has("accountId")) {
        id.put("accountId", account);
      }
      if (!node.has("eventTime") && node.hasNonNull("@timestamp")) {
        node.put("eventTime", Instant.parse(node.get("@timestamp").asText()).truncatedTo(ChronoUnit.SECONDS).toString());
      }
      if (node.hasNonNull("eventID")) {
        eventIds.add(node.get("eventID").asText());
      }
      rewritten.add(node);
    }
    return new Rewritten(render(shapeOf(content), rewritten), eventIds, rewritten.size());
  }

  /** A rewritten file: its bytes, the eventIDs it carries, and its record count. */
  public record Rewritten(byte[] content, List<String> eventIds, int records) {}

  private enum Shape { RECORDS_FILE, ARRAY, LINES }

  private static Shape shapeOf(byte[] content) {
    String head = new String(content, 0, Math.min(content.length, 64), StandardCharsets.UTF_8).stripLeading();
    if (head.startsWith("[")) {
      return Shape.ARRAY;
    }
    return head.replace(" ", "").startsWith("{\"Records\"") ? Shape.RECORDS_FILE : Shape.LINES;
  }

  private static byte[] render(Shape shape, List<ObjectNode> records) throws IOException {
    switch (shape) {
      case RECORDS_FILE: {
        ObjectNode wrapper = JSON.createObjectNode();
        wrapper.putArray("Records").addAll(records);
        return JSON.writeValueAsBytes(wrapper);
      }
      case ARRAY: {
        ArrayNode array = JSON.createArrayNode().addAll(records);
        return JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(array);
      }
      default: {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (ObjectNode r : records) {
          out.write(JSON.writeValueAsBytes(r));
          out.write('\n');
        }
        return out.toByteArray();
      }
    }
  }
}
