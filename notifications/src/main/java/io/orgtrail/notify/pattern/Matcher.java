package io.orgtrail.notify.pattern;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One entry of a pattern leaf array. Called with each leaf value of the event (an array in the event is offered
 * element by element); {@code null} means the event has no such field.
 */
interface Matcher {
  boolean matches(JsonNode value);

  /** Whether this matcher can match a field the event does not have (only {@code {"exists": false}} can). */
  default boolean matchesAbsent() {
    return false;
  }

  /**
   * Whether this matcher accepts an object value. EventBridge matches leaves only, so only {@code {"exists": true}}
   * does (the field is there), never {@code anything-but}.
   */
  default boolean matchesObject() {
    return false;
  }
}
