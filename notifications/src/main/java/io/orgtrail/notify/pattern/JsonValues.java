package io.orgtrail.notify.pattern;

import com.fasterxml.jackson.databind.JsonNode;

/** Value comparison as EventBridge does it: numbers by value, other scalars by type and content. */
final class JsonValues {
  private JsonValues() {}

  static boolean sameValue(JsonNode expected, JsonNode actual) {
    if (expected.isNumber()) {
      return actual.isNumber() && expected.decimalValue().compareTo(actual.decimalValue()) == 0;
    }
    if (expected.isNull()) {
      return actual.isNull();
    }
    if (expected.isBoolean()) {
      return actual.isBoolean() && expected.booleanValue() == actual.booleanValue();
    }
    return actual.isTextual() && expected.textValue().equals(actual.textValue());
  }
}
