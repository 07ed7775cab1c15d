package io.orgtrail.notify.pattern;

import com.fasterxml.jackson.databind.JsonNode;

/** A compiled part of a pattern, applied to the event's value at the same path ({@code null} when it is missing). */
interface PatternNode {
  boolean matches(JsonNode value);
}
