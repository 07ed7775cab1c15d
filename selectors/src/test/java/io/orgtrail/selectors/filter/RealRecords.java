package io.orgtrail.selectors.filter;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.orgtrail.format.record.InvalidFileException;
import io.orgtrail.format.record.RecordSplitter;
import io.orgtrail.format.record.SourceRecord;
import io.orgtrail.testkit.Datasets;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/** Real CloudTrail records from the shared datasets, as their exact bytes, and edited copies of them. */
final class RealRecords {
  static final ObjectMapper JSON = new ObjectMapper();

  /** Loaded once: every test class looks records up here. */
  private static final class Loaded {
    static final List<byte[]> INVICTUS = records(Datasets.invictusFiles());
    static final List<byte[]> OTRF = records(Datasets.otrfFiles());
    static final List<JsonNode> SEARCHABLE;

    static {
      List<JsonNode> trees = new ArrayList<>();
      INVICTUS.forEach(r -> trees.add(tree(r)));
      OTRF.forEach(r -> trees.add(tree(r)));
      SEARCHABLE = List.copyOf(trees);
    }
  }

  private RealRecords() {}

  static List<byte[]> invictus() {
    return Loaded.INVICTUS;
  }

  static List<byte[]> stratus() {
    return records(Datasets.stratusFiles());
  }

  static List<byte[]> otrf() {
    return Loaded.OTRF;
  }

  /** The first record with this source and name in the invictus and OTRF files. */
  static byte[] find(String eventSource, String eventName) {
    List<byte[]> all = new ArrayList<>(Loaded.INVICTUS);
    all.addAll(Loaded.OTRF);
    for (int i = 0; i < all.size(); i++) {
      JsonNode tree = Loaded.SEARCHABLE.get(i);
      if (eventSource.equals(tree.path("eventSource").asText()) && eventName.equals(tree.path("eventName").asText())) {
        return all.get(i).clone();
      }
    }
    throw new IllegalStateException("no " + eventSource + " " + eventName + " record in the datasets");
  }

  /** A copy of {@code record} changed by {@code edit}. */
  static byte[] edit(byte[] record, Consumer<ObjectNode> edit) {
    ObjectNode tree = (ObjectNode) tree(record);
    edit.accept(tree);
    try {
      return JSON.writeValueAsBytes(tree);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static JsonNode tree(byte[] record) {
    try {
      return JSON.readTree(record);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static List<byte[]> records(List<Path> files) {
    RecordSplitter splitter = new RecordSplitter();
    List<byte[]> out = new ArrayList<>();
    for (Path file : files) {
      try {
        for (SourceRecord record : splitter.split(Files.readAllBytes(file))) {
          out.add(record.json());
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      } catch (InvalidFileException e) {
        throw new IllegalStateException(file + ": " + e.getMessage(), e);
      }
    }
    return out;
  }
}
