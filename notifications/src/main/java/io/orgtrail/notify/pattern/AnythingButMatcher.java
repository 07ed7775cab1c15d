package io.orgtrail.notify.pattern;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * {@code {"anything-but": ...}}: a present value that none of the inner matchers accepts. As in EventBridge, a missing
 * field does not match (use {@code exists} for that).
 */
record AnythingButMatcher(List<Matcher> excluded) implements Matcher {
  AnythingButMatcher {
    excluded = List.copyOf(excluded);
  }

  @Override
  public boolean matches(JsonNode value) {
    if (value == null) {
      return false;
    }
    for (Matcher matcher : excluded) {
      if (matcher.matches(value)) {
        return false;
      }
    }
    return true;
  }
}
