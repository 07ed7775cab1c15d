package io.orgtrail.notify.pattern;

import com.fasterxml.jackson.databind.JsonNode;

/** {@code {"suffix": "..."}}: string values only. */
record SuffixMatcher(String suffix) implements Matcher {
  @Override
  public boolean matches(JsonNode value) {
    return value != null && value.isTextual() && value.textValue().endsWith(suffix);
  }
}
