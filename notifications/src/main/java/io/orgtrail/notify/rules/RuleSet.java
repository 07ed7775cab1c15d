package io.orgtrail.notify.rules;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.orgtrail.notify.envelope.EventBridgeEnvelope;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Matches CloudTrail records against rules: each record is parsed once, wrapped in its EventBridge envelope (see
 * {@link EventBridgeEnvelope}) and offered to every rule. Immutable and safe to share between threads.
 */
public final class RuleSet {
  // Decimals as BigDecimal: numeric matchers then compare the values written, not their nearest doubles.
  private static final ObjectMapper JSON = new ObjectMapper()
      .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

  private final List<Rule> rules;
  private final EventBridgeEnvelope envelope;

  /** @throws IllegalArgumentException when two rules share a name */
  public RuleSet(List<Rule> rules, EventBridgeEnvelope envelope) {
    Set<String> names = new HashSet<>();
    for (Rule rule : rules) {
      if (!names.add(rule.name())) {
        throw new IllegalArgumentException("two rules are named " + rule.name() + "; rule names must be unique");
      }
    }
    this.rules = List.copyOf(rules);
    this.envelope = envelope;
  }

  public List<Rule> rules() {
    return rules;
  }

  public boolean isEmpty() {
    return rules.isEmpty();
  }

  /** The rules matching the record given as its exact JSON bytes, in configuration order. */
  public List<Rule> matching(byte[] recordJson) {
    return evaluate(recordJson).rules();
  }

  /**
   * The matching rules and the envelope they matched.
   *
   * @throws IllegalArgumentException when {@code recordJson} is not a JSON object
   */
  public RuleMatches evaluate(byte[] recordJson) {
    JsonNode record;
    try {
      record = JSON.readTree(recordJson);
    } catch (IOException e) {
      throw new IllegalArgumentException("a CloudTrail record must be a JSON object; could not parse it: "
          + e.getMessage(), e);
    }
    return evaluate(record, recordJson);
  }

  /** As {@link #evaluate(byte[])} for an already parsed record (notification bodies then carry it re-serialised). */
  public RuleMatches evaluate(JsonNode record) {
    byte[] json;
    try {
      json = JSON.writeValueAsBytes(record);
    } catch (IOException e) {
      throw new IllegalArgumentException("could not serialise the record: " + e.getMessage(), e);
    }
    return evaluate(record, json);
  }

  private RuleMatches evaluate(JsonNode record, byte[] recordJson) {
    ObjectNode event = envelope.wrap(record);
    if (rules.isEmpty()) {
      return new RuleMatches(event, recordJson, List.of());
    }
    List<Rule> matched = new ArrayList<>();
    for (Rule rule : rules) {
      if (rule.pattern().matches(event)) {
        matched.add(rule);
      }
    }
    return new RuleMatches(event, recordJson, matched);
  }
}
