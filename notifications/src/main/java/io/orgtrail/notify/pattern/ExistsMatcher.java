package io.orgtrail.notify.pattern;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * {@code {"exists": true|false}}. A field holding JSON null exists (CloudTrail writes {@code "requestParameters":
 * null} on purpose); only a missing key does not.
 */
record ExistsMatcher(boolean shouldExist) implements Matcher {
  @Override
  public boolean matches(JsonNode value) {
    return shouldExist == (value != null);
  }

  @Override
  public boolean matchesObject() {
    return shouldExist;
  }

  @Override
  public boolean matchesAbsent() {
    return !shouldExist;
  }
}
