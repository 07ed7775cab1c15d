package io.orgtrail.insights;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.orgtrail.format.record.EventTimes;
import java.io.IOException;
import java.time.DateTimeException;
import java.time.Instant;

/**
 * Reads the few top-level members the detector needs from a record's bytes with a streaming parser; nested values
 * (requestParameters, responseElements, ...) are skipped without being built.
 *
 * <p>Management or not: {@code managementEvent} decides when present; otherwise {@code eventCategory} (Management);
 * records older than both members (eventVersion 1.05 and earlier) count as management unless they are Insights
 * events themselves. Only {@code readOnly:false} is a write; a missing readOnly (service events, sign-ins) is not.
 */
final class CallScanner {
  private final JsonFactory json = new JsonFactory();

  /** The call, or null when the bytes are not a JSON object with the five routing members. */
  MeasuredCall scan(byte[] record) {
    String eventTime = null, eventSource = null, eventName = null, region = null, account = null;
    String errorCode = null, eventCategory = null, eventType = null;
    Boolean readOnly = null, managementEvent = null;
    try (JsonParser p = json.createParser(record)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        return null;
      }
      JsonToken t;
      while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
        String name = p.currentName();
        JsonToken value = p.nextToken();
        if (value == JsonToken.START_OBJECT || value == JsonToken.START_ARRAY) {
          p.skipChildren();
          continue;
        }
        switch (name) {
          case "eventTime" -> eventTime = text(p, value);
          case "eventSource" -> eventSource = text(p, value);
          case "eventName" -> eventName = text(p, value);
          case "awsRegion" -> region = text(p, value);
          case "recipientAccountId" -> account = text(p, value);
          case "errorCode" -> errorCode = text(p, value);
          case "eventCategory" -> eventCategory = text(p, value);
          case "eventType" -> eventType = text(p, value);
          case "readOnly" -> readOnly = bool(p, value);
          case "managementEvent" -> managementEvent = bool(p, value);
          default -> {}
        }
      }
      if (t != JsonToken.END_OBJECT) {
        return null;
      }
    } catch (IOException e) {
      return null;
    }
    if (isBlank(eventTime) || isBlank(eventSource) || isBlank(eventName) || isBlank(region) || isBlank(account)) {
      return null;
    }
    Instant time;
    try {
      time = EventTimes.parse(eventTime);
    } catch (DateTimeException e) {
      return null;
    }
    boolean management;
    if (managementEvent != null) {
      management = managementEvent;
    } else if (eventCategory != null) {
      management = eventCategory.equals("Management");
    } else {
      management = !"AwsCloudTrailInsight".equals(eventType);
    }
    if ("AwsCloudTrailInsight".equals(eventType)) {
      management = false;
    }
    return new MeasuredCall(new InsightKey(account, region, eventSource, eventName), time,
        Boolean.FALSE.equals(readOnly), isBlank(errorCode) ? null : errorCode, management);
  }

  private static String text(JsonParser p, JsonToken value) throws IOException {
    return value == JsonToken.VALUE_STRING ? p.getText() : null;
  }

  /** CloudTrail writes booleans as JSON booleans; some exports carry them as strings. */
  private static Boolean bool(JsonParser p, JsonToken value) throws IOException {
    if (value == JsonToken.VALUE_TRUE) {
      return Boolean.TRUE;
    }
    if (value == JsonToken.VALUE_FALSE) {
      return Boolean.FALSE;
    }
    if (value == JsonToken.VALUE_STRING) {
      String s = p.getText();
      if (s.equalsIgnoreCase("true")) {
        return Boolean.TRUE;
      }
      if (s.equalsIgnoreCase("false")) {
        return Boolean.FALSE;
      }
    }
    return null;
  }

  private static boolean isBlank(String s) {
    return s == null || s.isBlank();
  }
}
