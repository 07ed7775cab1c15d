package io.orgtrail.notify.rules;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * The rules one record matched, with the EventBridge envelope they were matched against.
 *
 * @param event the envelope; its {@code detail} is the record's tree
 * @param recordJson the record's exact bytes, which notification bodies carry unchanged
 */
public record RuleMatches(ObjectNode event, byte[] recordJson, List<Rule> rules) {
  public RuleMatches {
    rules = List.copyOf(rules);
  }

  public boolean isEmpty() {
    return rules.isEmpty();
  }

  /** The webhook body telling {@code rule}'s webhook about this record (see {@link RuleMatchNotification}). */
  public byte[] notificationBody(Rule rule) {
    return new RuleMatchNotification(rule.name(), event, recordJson).toJson();
  }
}
