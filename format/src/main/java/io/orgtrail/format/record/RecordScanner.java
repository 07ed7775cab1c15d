package io.orgtrail.format.record;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import java.io.IOException;
import java.util.HashSet;
import java.util.Set;

/**
 * Reads the handful of top-level fields orgtrail needs from a record's JSON bytes, without building a tree: nested
 * values are skipped, so the cost is one pass over the bytes and no copies of them.
 */
public final class RecordScanner {
  private final JsonFactory json;

  public RecordScanner() {
    this.json =
        JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(256).build())
            .build();
  }

  /**
   * Scans {@code bytes[offset, offset+length)} which must hold exactly one JSON object.
   *
   * @throws InvalidRecordException with {@link RecordProblem#MALFORMED_JSON} when it does not
   */
  public RecordFields scan(byte[] bytes, int offset, int length) throws InvalidRecordException {
    String eventId = null, eventTime = null, eventSource = null, eventName = null, region = null, account = null;
    try (JsonParser p = json.createParser(bytes, offset, length)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        throw new InvalidRecordException(
            RecordProblem.MALFORMED_JSON, "a CloudTrail record must be a JSON object");
      }
      // A record with two recipientAccountId (or awsRegion, or userIdentity) members would be routed by one and
      // read by downstream tools by the other: top-level duplicates are refused. Nested members are not checked,
      // which Jackson's own detection would do at several times the cost of the whole scan.
      Set<String> names = new HashSet<>(64);
      JsonToken t;
      while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
        String name = p.currentName();
        if (!names.add(name)) {
          throw new InvalidRecordException(RecordProblem.MALFORMED_JSON,
              "the record has the member '" + RecordRules.abbreviate(name) + "' twice; each may appear once");
        }
        JsonToken value = p.nextToken();
        if (value == JsonToken.START_OBJECT || value == JsonToken.START_ARRAY) {
          p.skipChildren();
          continue;
        }
        if (value != JsonToken.VALUE_STRING) {
          continue;
        }
        switch (name) {
          case "eventID" -> eventId = p.getText();
          case "eventTime" -> eventTime = p.getText();
          case "eventSource" -> eventSource = p.getText();
          case "eventName" -> eventName = p.getText();
          case "awsRegion" -> region = p.getText();
          case "recipientAccountId" -> account = p.getText();
          default -> {}
        }
      }
      if (t != JsonToken.END_OBJECT) {
        throw new InvalidRecordException(RecordProblem.MALFORMED_JSON, "the record's JSON object is not closed");
      }
      if (p.nextToken() != null) {
        throw new InvalidRecordException(
            RecordProblem.MALFORMED_JSON, "unexpected data after the record's JSON object");
      }
    } catch (IOException e) {
      throw new InvalidRecordException(
          RecordProblem.MALFORMED_JSON, "the record is not valid JSON: " + firstLine(e.getMessage()));
    }
    return new RecordFields(eventId, eventTime, eventSource, eventName, region, account);
  }

  public RecordFields scan(byte[] bytes) throws InvalidRecordException {
    return scan(bytes, 0, bytes.length);
  }

  private static String firstLine(String message) {
    if (message == null) {
      return "parse error";
    }
    int nl = message.indexOf('\n');
    return nl < 0 ? message : message.substring(0, nl);
  }
}
