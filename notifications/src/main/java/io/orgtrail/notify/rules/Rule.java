package io.orgtrail.notify.rules;

import io.orgtrail.notify.pattern.EventPattern;
import java.net.URI;
import java.util.Objects;

/**
 * A named event pattern and the webhook told about each record whose EventBridge envelope matches it.
 *
 * @param name unique within a {@link RuleSet}; shown to the receiver
 * @param webhook an absolute http or https URI
 */
public record Rule(String name, EventPattern pattern, URI webhook) {
  public Rule {
    Objects.requireNonNull(pattern, "pattern");
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("a rule needs a non-blank name (used in notifications and logs)");
    }
    if (webhook == null || !webhook.isAbsolute() || webhook.getHost() == null
        || !("http".equalsIgnoreCase(webhook.getScheme()) || "https".equalsIgnoreCase(webhook.getScheme()))) {
      throw new IllegalArgumentException("rule " + name + ": the webhook must be an absolute http(s) URI such as"
          + " https://hooks.example.com/orgtrail, not " + webhook);
    }
  }
}
