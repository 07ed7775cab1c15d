package io.orgtrail.history;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads {@link RecordFacts} in one streaming pass over a record's bytes: requestParameters, responseElements and
 * the rest are skipped without building a tree, which keeps indexing of 50,000-event files quick.
 */
final class RecordFactsReader {
  private final JsonFactory json = JsonFactory.builder()
      .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(256).build())
      .build();

  /** @throws IOException when the bytes are not one JSON object */
  RecordFacts read(byte[] record) throws IOException {
    String eventId = null, eventTime = null, eventName = null, eventSource = null, readOnly = null;
    String account = null, category = null;
    Boolean management = null;
    UserIdentity identity = null;
    List<HistoryResource> resources = List.of();
    try (JsonParser p = json.createParser(record)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        throw new IOException("a record must be a JSON object");
      }
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String name = p.currentName();
        JsonToken value = p.nextToken();
        switch (name) {
          case "eventID" -> eventId = text(p, value);
          case "eventTime" -> eventTime = text(p, value);
          case "eventName" -> eventName = text(p, value);
          case "eventSource" -> eventSource = text(p, value);
          case "recipientAccountId" -> account = text(p, value);
          case "eventCategory" -> category = text(p, value);
          case "readOnly" -> readOnly = booleanText(p, value);
          case "managementEvent" -> {
            String b = booleanText(p, value);
            management = b == null ? null : Boolean.valueOf(b);
          }
          case "userIdentity" -> identity = value == JsonToken.START_OBJECT ? identity(p) : skip(p, null);
          case "resources" -> resources = value == JsonToken.START_ARRAY ? resources(p) : skip(p, List.of());
          default -> p.skipChildren();
        }
      }
    }
    return new RecordFacts(eventId, eventTime, eventName, eventSource, readOnly, account, category, management,
        identity, resources);
  }

  private static UserIdentity identity(JsonParser p) throws IOException {
    String type = null, userName = null, arn = null, principalId = null, invokedBy = null, accessKeyId = null;
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String name = p.currentName();
      JsonToken value = p.nextToken();
      switch (name) {
        case "type" -> type = text(p, value);
        case "userName" -> userName = text(p, value);
        case "arn" -> arn = text(p, value);
        case "principalId" -> principalId = text(p, value);
        case "invokedBy" -> invokedBy = text(p, value);
        case "accessKeyId" -> accessKeyId = text(p, value);
        default -> p.skipChildren();
      }
    }
    return new UserIdentity(type, userName, arn, principalId, invokedBy, accessKeyId);
  }

  private static List<HistoryResource> resources(JsonParser p) throws IOException {
    List<HistoryResource> resources = new ArrayList<>();
    JsonToken t;
    while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
      if (t != JsonToken.START_OBJECT) {
        p.skipChildren();
        continue;
      }
      String type = null, arn = null;
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String name = p.currentName();
        JsonToken value = p.nextToken();
        switch (name) {
          case "type" -> type = text(p, value);
          case "ARN" -> arn = text(p, value);
          default -> p.skipChildren();
        }
      }
      if (type != null || arn != null) {
        resources.add(new HistoryResource(type, arn));
      }
    }
    return resources;
  }

  private static <T> T skip(JsonParser p, T result) throws IOException {
    p.skipChildren();
    return result;
  }

  private static String text(JsonParser p, JsonToken value) throws IOException {
    if (value == JsonToken.VALUE_STRING) {
      return p.getText();
    }
    p.skipChildren();
    return null;
  }

  /** readOnly is a JSON boolean in CloudTrail records; a few producers write it as a string. */
  private static String booleanText(JsonParser p, JsonToken value) throws IOException {
    return switch (value) {
      case VALUE_TRUE -> "true";
      case VALUE_FALSE -> "false";
      case VALUE_STRING -> p.getText();
      default -> skip(p, null);
    };
  }
}
