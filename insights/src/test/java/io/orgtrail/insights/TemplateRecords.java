package io.orgtrail.insights;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.orgtrail.format.record.RecordSplitter;
import io.orgtrail.format.record.SourceRecord;
import io.orgtrail.testkit.Datasets;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.function.Predicate;

/** Real recorded CloudTrail records (the Invictus dataset) with eventTime, eventName, errorCode edited. */
final class TemplateRecords {
  static final ObjectMapper MAPPER = new ObjectMapper();

  private final ObjectNode template;

  private TemplateRecords(ObjectNode template) {
    this.template = template;
  }

  /** The first recorded TerminateInstances call (a successful write management event). */
  static TemplateRecords terminateInstances() {
    return first(node -> node.path("eventName").asText().equals("TerminateInstances")
        && !node.hasNonNull("errorCode"));
  }

  /** The first recorded call answered with AccessDenied. */
  static TemplateRecords accessDenied() {
    return first(node -> node.path("errorCode").asText().equals("AccessDenied"));
  }

  static TemplateRecords first(Predicate<ObjectNode> wanted) {
    try {
      for (Path file : Datasets.invictusFiles()) {
        for (SourceRecord record : new RecordSplitter().split(Files.readAllBytes(file))) {
          ObjectNode node = (ObjectNode) MAPPER.readTree(record.json());
          if (wanted.test(node)) {
            return new TemplateRecords(node);
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
    throw new IllegalStateException("no such record in the Invictus dataset");
  }

  String account() {
    return template.path("recipientAccountId").asText();
  }

  String region() {
    return template.path("awsRegion").asText();
  }

  String eventSource() {
    return template.path("eventSource").asText();
  }

  String eventName() {
    return template.path("eventName").asText();
  }

  TemplateRecords with(String field, String value) {
    ObjectNode copy = template.deepCopy();
    if (value == null) {
      copy.remove(field);
    } else {
      copy.put(field, value);
    }
    return new TemplateRecords(copy);
  }

  TemplateRecords with(String field, boolean value) {
    ObjectNode copy = template.deepCopy();
    copy.put(field, value);
    return new TemplateRecords(copy);
  }

  byte[] at(Instant eventTime) {
    ObjectNode copy = template.deepCopy();
    copy.put("eventTime", eventTime.toString());
    try {
      return MAPPER.writeValueAsBytes(copy);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
