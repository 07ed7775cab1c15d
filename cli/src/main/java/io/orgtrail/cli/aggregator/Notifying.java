package io.orgtrail.cli.aggregator;

import io.orgtrail.cli.aggregator.AggregatorSettings.NotificationSettings;
import io.orgtrail.cli.aggregator.AggregatorSettings.RuleSettings;
import io.orgtrail.cli.config.ConfigException;
import io.orgtrail.format.ids.RandomUuids;
import io.orgtrail.notify.Notifier;
import io.orgtrail.notify.envelope.EventBridgeEnvelope;
import io.orgtrail.notify.pattern.EventPattern;
import io.orgtrail.notify.pattern.InvalidEventPatternException;
import io.orgtrail.notify.rules.Rule;
import io.orgtrail.notify.rules.RuleSet;
import io.orgtrail.notify.webhook.WebhookSender;
import java.net.URI;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;

/** The {@code notifications:} section turned into a webhook sender and the notifier that uses it. */
final class Notifying {
  private Notifying() {}

  /** The sender, or null when no webhook is configured. */
  static WebhookSender sender(NotificationSettings settings, Path dataDir) {
    if (settings == null || (empty(settings.fileDelivered()) && empty(settings.rules()))) {
      return null;
    }
    WebhookSender.Builder b = WebhookSender.builder()
        .deadLetterFile(settings.deadLetterFile() != null ? Path.of(settings.deadLetterFile())
            : dataDir.resolve("notifications-dead-letter.jsonl"));
    if (settings.maxAttempts() != null) {
      b.maxAttempts(settings.maxAttempts());
    }
    return b.build();
  }

  /** The notifier of the {@code notifications:} section: file webhooks and rules. */
  static Notifier notifier(NotificationSettings settings, WebhookSender sender) {
    List<URI> files = new ArrayList<>();
    for (String url : settings.fileDelivered() == null ? List.<String>of() : settings.fileDelivered()) {
      files.add(uri(url, "notifications.fileDelivered"));
    }
    List<Rule> rules = new ArrayList<>();
    List<RuleSettings> configured = settings.rules() == null ? List.of() : settings.rules();
    for (int i = 0; i < configured.size(); i++) {
      RuleSettings r = configured.get(i);
      String where = "notifications.rules[" + i + "]" + (r.name() == null ? "" : " (" + r.name() + ")");
      if (r.name() == null || r.pattern() == null || r.webhook() == null) {
        throw new ConfigException(where + " needs name, pattern and webhook");
      }
      try {
        rules.add(new Rule(r.name(), EventPattern.of(r.pattern()), uri(r.webhook(), where + ".webhook")));
      } catch (InvalidEventPatternException e) {
        throw new ConfigException(where + ".pattern: " + e.getMessage());
      } catch (IllegalArgumentException e) {
        throw new ConfigException(where + ": " + e.getMessage());
      }
    }
    RuleSet ruleSet = new RuleSet(rules, new EventBridgeEnvelope(new RandomUuids(new SecureRandom())));
    return new Notifier(sender, files, ruleSet);
  }

  private static URI uri(String url, String where) {
    try {
      URI u = URI.create(url);
      if (!u.isAbsolute() || !(u.getScheme().equals("http") || u.getScheme().equals("https"))) {
        throw new IllegalArgumentException("not an absolute http(s) URL");
      }
      return u;
    } catch (IllegalArgumentException e) {
      throw new ConfigException(where + ": '" + url + "' is not an http(s) URL such as https://hooks.example.com/x");
    }
  }

  private static boolean empty(List<?> list) {
    return list == null || list.isEmpty();
  }
}
