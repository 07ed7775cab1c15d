package io.orgtrail.notify.pattern;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * An Amazon EventBridge event pattern, matched against an event such as the CloudTrail envelope built by
 * {@code io.orgtrail.notify.envelope.EventBridgeEnvelope}.
 *
 * <p>Semantics (EventBridge's): a pattern is a JSON object whose leaves are arrays of matchers; nested objects
 * descend into the event; all pattern fields must match (AND); within an array any matcher may match (OR); when the
 * event's value is an array the field matches if any element matches (an empty array counts as missing; for a
 * nested pattern over an array of objects, one element must satisfy the whole nested pattern). Matchers: exact
 * values (strings and booleans by equality, numbers numerically, null matches JSON null only), {@code prefix},
 * {@code suffix}, {@code equals-ignore-case} (strings only), {@code anything-but} (a value, a list of values, or
 * {@code {"prefix"}}/{@code {"suffix"}}; never matches a missing field), {@code exists} (a field holding null exists),
 * {@code numeric} (one comparison, or a range: lower bound then upper bound; numbers only, never numeric strings).
 * Only {@code {"exists": true}} matches a field whose value is an object.
 *
 * <p>Immutable and safe to share between threads.
 */
public final class EventPattern {
  private static final ObjectMapper JSON = new ObjectMapper()
      .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

  private final FieldsNode root;
  private final String source;

  private EventPattern(FieldsNode root, String source) {
    this.root = root;
    this.source = source;
  }

  /**
   * Parses a pattern.
   *
   * @throws InvalidEventPatternException when it is not JSON or not a valid pattern; the message names the JSON path
   */
  public static EventPattern parse(String json) {
    JsonNode tree;
    try {
      tree = JSON.readTree(json);
    } catch (JsonProcessingException e) {
      throw new InvalidEventPatternException("an event pattern must be JSON; could not parse " + abbreviate(json)
          + ": " + e.getOriginalMessage(), e);
    }
    return of(tree);
  }

  /** Compiles an already parsed pattern (e.g. from the YAML config read through Jackson). */
  public static EventPattern of(JsonNode pattern) {
    FieldsNode root = PatternParser.parseRoot(pattern);
    return new EventPattern(root, pattern.toString());
  }

  /** Whether {@code event} (a JSON object) matches. */
  public boolean matches(JsonNode event) {
    return event != null && event.isObject() && root.matches(event);
  }

  /** The pattern as compact JSON. */
  @Override
  public String toString() {
    return source;
  }

  private static String abbreviate(String text) {
    if (text == null) {
      return "null";
    }
    return text.length() <= 200 ? "'" + text + "'" : "'" + text.substring(0, 200) + "...'";
  }
}
