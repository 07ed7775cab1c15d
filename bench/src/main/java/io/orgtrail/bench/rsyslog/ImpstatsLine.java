package io.orgtrail.bench.rsyslog;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * One counter set of rsyslog's impstats in its JSON format, e.g.
 * {@code { "name": "deliver", "origin": "core.action", "processed": 1000, "failed": 0, ... }}: the object's name,
 * where it comes from ({@code core.action}, {@code core.queue}, {@code imrelp}, ...), and its integer counters.
 *
 * @param name the action's, queue's or input's name ({@code forward queue}, {@code forward queue[DA]}, {@code main Q})
 * @param origin the component
 * @param counters every integer member except name and origin, in order
 */
public record ImpstatsLine(String name, String origin, Map<String, Long> counters) {
  private static final ObjectMapper JSON = new ObjectMapper();

  public ImpstatsLine {
    counters = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(counters));
  }

  /** The line's counters, or empty for any other output line (rsyslog's own messages share stdout). */
  public static Optional<ImpstatsLine> parse(String line) {
    String trimmed = line.trim();
    if (!trimmed.startsWith("{") || !trimmed.contains("\"origin\"")) {
      return Optional.empty();
    }
    JsonNode node;
    try {
      node = JSON.readTree(trimmed);
    } catch (JsonProcessingException e) {
      return Optional.empty();
    }
    if (!node.path("name").isTextual() || !node.path("origin").isTextual()) {
      return Optional.empty();
    }
    Map<String, Long> counters = new LinkedHashMap<>();
    node.fields().forEachRemaining(f -> {
      if (f.getValue().isIntegralNumber()) {
        counters.put(f.getKey(), f.getValue().asLong());
      }
    });
    return Optional.of(new ImpstatsLine(node.get("name").asText(), node.get("origin").asText(), counters));
  }

  /** A counter's value, if the line has it. */
  public OptionalLong counter(String counter) {
    Long value = counters.get(counter);
    return value == null ? OptionalLong.empty() : OptionalLong.of(value);
  }
}
