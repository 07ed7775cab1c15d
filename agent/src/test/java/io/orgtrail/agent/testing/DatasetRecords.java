package io.orgtrail.agent.testing;

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

/**
 * Real management events from the invictus dataset, moved to a test account (their {@code recipientAccountId}
 * replaced, nothing else changed), split by {@code readOnly}: what basic selectors with a ReadWriteType tell apart.
 */
public final class DatasetRecords {
  private static final ObjectMapper JSON = new ObjectMapper();

  private DatasetRecords() {}

  /** The first {@code n} read-only events (Describe*, List*, Get* calls) as JSON text for {@code account}. */
  public static List<String> readOnly(String account, int n) {
    return pick(account, n, true);
  }

  /** The first {@code n} write events (readOnly false) as JSON text for {@code account}. */
  public static List<String> writes(String account, int n) {
    return pick(account, n, false);
  }

  /** The eventID of a record made by this class. */
  public static String eventId(String json) {
    try {
      return JSON.readTree(json).path("eventID").asText();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static List<String> pick(String account, int n, boolean readOnly) {
    RecordSplitter splitter = new RecordSplitter();
    List<String> out = new ArrayList<>();
    for (Path file : Datasets.invictusFiles()) {
      try {
        for (SourceRecord r : splitter.split(Files.readAllBytes(file))) {
          ObjectNode tree = (ObjectNode) JSON.readTree(r.json());
          if (tree.path("readOnly").asBoolean(false) == readOnly && tree.path("eventID").isTextual()) {
            tree.put("recipientAccountId", account);
            out.add(JSON.writeValueAsString(tree));
            if (out.size() == n) {
              return out;
            }
          }
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      } catch (InvalidFileException e) {
        throw new IllegalStateException(file + ": " + e.getMessage(), e);
      }
    }
    throw new IllegalStateException("the invictus dataset has fewer than " + n + " events with readOnly " + readOnly);
  }
}
