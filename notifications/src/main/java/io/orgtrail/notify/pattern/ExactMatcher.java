package io.orgtrail.notify.pattern;

import com.fasterxml.jackson.databind.JsonNode;

/** An exact value: strings and booleans by equality, numbers numerically (5 matches 5.0), null matches null. */
record ExactMatcher(JsonNode expected) implements Matcher {
  @Override
  public boolean matches(JsonNode value) {
    return value != null && JsonValues.sameValue(expected, value);
  }
}
