package io.orgtrail.notify.pattern;

import com.fasterxml.jackson.databind.JsonNode;

/** {@code {"equals-ignore-case": "..."}}: string values only. */
record EqualsIgnoreCaseMatcher(String expected) implements Matcher {
  @Override
  public boolean matches(JsonNode value) {
    return value != null && value.isTextual() && value.textValue().equalsIgnoreCase(expected);
  }
}
