package io.orgtrail.notify.samples;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.orgtrail.format.record.RecordSplitter;
import io.orgtrail.format.record.SourceRecord;
import io.orgtrail.testkit.Datasets;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/** The exact bytes of recorded CloudTrail events from the shared datasets, and edits of them for missing cases. */
public final class RealRecords {
  public static final ObjectMapper JSON = new ObjectMapper();

  private RealRecords() {}

  /** Every record of every dataset (about 3,300), as its exact bytes. */
  public static List<byte[]> all() {
    List<Path> files = new ArrayList<>();
    files.addAll(Datasets.invictusFiles());
    files.addAll(Datasets.stratusFiles());
    files.addAll(Datasets.otrfFiles());
    List<byte[]> records = new ArrayList<>();
    RecordSplitter splitter = new RecordSplitter();
    for (Path file : files) {
      try {
        for (SourceRecord record : splitter.split(Files.readAllBytes(file))) {
          records.add(record.json());
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      } catch (Exception e) {
        throw new IllegalStateException("could not split " + file + ": " + e.getMessage(), e);
      }
    }
    return records;
  }

  /** The first record whose tree satisfies {@code condition}, as exact bytes. */
  public static byte[] first(Predicate<JsonNode> condition) {
    for (byte[] record : all()) {
      if (condition.test(tree(record))) {
        return record;
      }
    }
    throw new IllegalStateException("no record in the datasets satisfies the condition");
  }

  public static ObjectNode tree(byte[] record) {
    try {
      return (ObjectNode) JSON.readTree(record);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static byte[] bytes(JsonNode tree) {
    try {
      return JSON.writeValueAsBytes(tree);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static Predicate<JsonNode> field(String name, String value) {
    return record -> value.equals(record.path(name).asText(null));
  }
}
