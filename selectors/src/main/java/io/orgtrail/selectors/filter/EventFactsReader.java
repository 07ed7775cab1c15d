package io.orgtrail.selectors.filter;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the fields selectors test from a record's exact JSON bytes with Jackson's streaming parser: one pass, no
 * tree, members nobody tests skipped with {@code skipChildren}. Returns null when the record cannot be read.
 */
final class EventFactsReader {
  private static final int CATEGORY = 1, SOURCE = 1 << 1, NAME = 1 << 2, TYPE = 1 << 3, READ_ONLY = 1 << 4,
      MANAGEMENT = 1 << 5, ERROR = 1 << 6, IDENTITY = 1 << 7, RESOURCES = 1 << 8;

  private final JsonFactory json;
  private final Needs needs;

  EventFactsReader(Needs needs) {
    this.needs = needs;
    // Same depth limit as format's RecordScanner: deeper records are refused there too.
    this.json = JsonFactory.builder()
        .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(256).build())
        .build();
  }

  /** The facts, or null when the bytes are not one readable record. */
  EventFacts read(byte[] bytes, int offset, int length) {
    String category = null, source = null, name = null, type = null, error = null, identity = null;
    Boolean readOnly = null, management = null;
    List<ResourceRef> resources = List.of();
    int seen = 0;
    try (JsonParser p = json.createParser(bytes, offset, length)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        return null;
      }
      JsonToken t;
      while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
        int bit = bitOf(p.currentName());
        JsonToken value = p.nextToken();
        if (bit == 0) {
          p.skipChildren();
          continue;
        }
        if ((seen & bit) != 0) {
          return null; // two values for a field we test: which one downstream tools read is anyone's guess
        }
        seen |= bit;
        if (value == JsonToken.VALUE_NULL) {
          continue;
        }
        switch (bit) {
          case CATEGORY -> category = string(p, value);
          case SOURCE -> source = string(p, value);
          case NAME -> name = string(p, value);
          case TYPE -> type = string(p, value);
          case ERROR -> error = string(p, value);
          case READ_ONLY -> readOnly = bool(value);
          case MANAGEMENT -> management = bool(value);
          case IDENTITY -> identity = identityArn(p, value);
          case RESOURCES -> resources = resources(p, value);
          default -> throw new IllegalStateException("unhandled field bit " + bit);
        }
      }
      if (t != JsonToken.END_OBJECT || p.nextToken() != null) {
        return null;
      }
    } catch (IOException | Unreadable e) {
      return null;
    }
    return new EventFacts(category(category, type, management), source, name, type,
        readOnly != null && readOnly, error, identity, resources);
  }

  /** CloudTrail's derivation: eventCategory when present (since 1.07); else by eventType and managementEvent. */
  private static String category(String eventCategory, String eventType, Boolean managementEvent) {
    if (eventCategory != null) {
      return eventCategory;
    }
    if ("AwsCloudTrailInsight".equals(eventType)) {
      return EventFacts.INSIGHT;
    }
    return Boolean.FALSE.equals(managementEvent) ? EventFacts.DATA : EventFacts.MANAGEMENT;
  }

  private int bitOf(String name) {
    return switch (name) {
      case "eventCategory" -> CATEGORY;
      case "eventType" -> TYPE;
      case "readOnly" -> READ_ONLY;
      case "managementEvent" -> MANAGEMENT;
      case "eventSource" -> needs.eventSource() ? SOURCE : 0;
      case "eventName" -> needs.eventName() ? NAME : 0;
      case "errorCode" -> needs.errorCode() ? ERROR : 0;
      case "userIdentity" -> needs.userIdentityArn() ? IDENTITY : 0;
      case "resources" -> needs.resources() ? RESOURCES : 0;
      default -> 0;
    };
  }

  private static String identityArn(JsonParser p, JsonToken value) throws IOException {
    expect(value == JsonToken.START_OBJECT);
    String arn = null;
    boolean seen = false;
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      boolean isArn = "arn".equals(p.currentName());
      JsonToken member = p.nextToken();
      if (!isArn) {
        p.skipChildren();
        continue;
      }
      expect(!seen);
      seen = true;
      arn = member == JsonToken.VALUE_NULL ? null : string(p, member);
    }
    return arn;
  }

  private static List<ResourceRef> resources(JsonParser p, JsonToken value) throws IOException {
    expect(value == JsonToken.START_ARRAY);
    List<ResourceRef> out = new ArrayList<>(2);
    JsonToken t;
    while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
      expect(t == JsonToken.START_OBJECT);
      String type = null, arn = null, arnPrefix = null;
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String name = p.currentName();
        JsonToken member = p.nextToken();
        switch (name) {
          case "type" -> type = optionalString(p, member);
          case "ARN" -> arn = optionalString(p, member);
          case "ARNPrefix" -> arnPrefix = optionalString(p, member);
          default -> p.skipChildren();
        }
      }
      out.add(new ResourceRef(type, arn != null ? arn : arnPrefix));
    }
    return out;
  }

  private static String optionalString(JsonParser p, JsonToken token) throws IOException {
    return token == JsonToken.VALUE_NULL ? null : string(p, token);
  }

  private static String string(JsonParser p, JsonToken token) throws IOException {
    expect(token == JsonToken.VALUE_STRING);
    return p.getText();
  }

  private static boolean bool(JsonToken token) {
    expect(token == JsonToken.VALUE_TRUE || token == JsonToken.VALUE_FALSE);
    return token == JsonToken.VALUE_TRUE;
  }

  private static void expect(boolean condition) {
    if (!condition) {
      throw new Unreadable();
    }
  }

  /** A tested field of the wrong JSON type; cheap, as it only ends the read. */
  private static final class Unreadable extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Unreadable() {
      super(null, null, false, false);
    }
  }
}
