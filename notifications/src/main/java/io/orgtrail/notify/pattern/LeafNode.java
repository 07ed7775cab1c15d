package io.orgtrail.notify.pattern;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * A pattern leaf: any matcher may match (OR). An array in the event matches when any element does (nested arrays are
 * flattened, as EventBridge does); an empty array counts as a missing field.
 */
record LeafNode(List<Matcher> matchers) implements PatternNode {
  LeafNode {
    matchers = List.copyOf(matchers);
  }

  @Override
  public boolean matches(JsonNode value) {
    if (value == null || (value.isArray() && value.isEmpty())) {
      return matchesAbsent();
    }
    return matchesPresent(value);
  }

  private boolean matchesPresent(JsonNode value) {
    if (value.isArray()) {
      for (JsonNode element : value) {
        if (matchesPresent(element)) {
          return true;
        }
      }
      return false;
    }
    for (Matcher matcher : matchers) {
      if (value.isObject() ? matcher.matchesObject() : matcher.matches(value)) {
        return true;
      }
    }
    return false;
  }

  private boolean matchesAbsent() {
    for (Matcher matcher : matchers) {
      if (matcher.matchesAbsent()) {
        return true;
      }
    }
    return false;
  }
}
