package io.orgtrail.notify.pattern;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;

/**
 * A pattern object: every field must match (AND). When the event holds an array of objects here, one element must
 * match all fields on its own, so {@code {"resources": {"type": [..], "ARN": [..]}}} cannot be satisfied by the type of
 * one resource and the ARN of another.
 */
record FieldsNode(Map<String, PatternNode> fields) implements PatternNode {
  FieldsNode {
    fields = Map.copyOf(fields);
  }

  @Override
  public boolean matches(JsonNode value) {
    if (value != null && value.isArray()) {
      boolean anyObject = false;
      for (JsonNode element : value) {
        if (element.isObject()) {
          anyObject = true;
          if (matchesObject(element)) {
            return true;
          }
        }
      }
      // Without any object the fields are missing, which only {"exists": false} accepts.
      return !anyObject && matchesObject(null);
    }
    return matchesObject(value != null && value.isObject() ? value : null);
  }

  private boolean matchesObject(JsonNode object) {
    for (Map.Entry<String, PatternNode> field : fields.entrySet()) {
      JsonNode child = object == null ? null : object.get(field.getKey());
      if (!field.getValue().matches(child)) {
        return false;
      }
    }
    return true;
  }
}
