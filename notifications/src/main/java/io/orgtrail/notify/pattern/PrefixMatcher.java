package io.orgtrail.notify.pattern;

import com.fasterxml.jackson.databind.JsonNode;

/** {@code {"prefix": "..."}}: string values only. */
record PrefixMatcher(String prefix) implements Matcher {
  @Override
  public boolean matches(JsonNode value) {
    return value != null && value.isTextual() && value.textValue().startsWith(prefix);
  }
}
