package io.orgtrail.notify;

import io.orgtrail.notify.delivery.FileNotification;
import io.orgtrail.notify.rules.Rule;
import io.orgtrail.notify.rules.RuleMatches;
import io.orgtrail.notify.rules.RuleSet;
import io.orgtrail.notify.webhook.NotificationKinds;
import io.orgtrail.notify.webhook.WebhookSender;
import java.net.URI;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the aggregator calls once a log file is durable: tells the delivery webhooks about the file (CloudTrail's SNS
 * message shape, kind {@value NotificationKinds#FILE_DELIVERED}) and each matching rule's webhook about each record
 * (kind {@value NotificationKinds#RULE_MATCH}). Never waits for a receiver; delivery, retries and dead letters are
 * the {@link WebhookSender}'s. Safe to share between threads.
 */
public final class Notifier {
  private static final Logger log = LoggerFactory.getLogger(Notifier.class);

  private final WebhookSender sender;
  private final List<URI> fileWebhooks;
  private final RuleSet rules;

  /**
   * @param fileWebhooks told about every durable log file (may be empty)
   * @param rules matched against every record of every durable log file (may be empty: records are then not parsed)
   */
  public Notifier(WebhookSender sender, List<URI> fileWebhooks, RuleSet rules) {
    this.sender = sender;
    this.fileWebhooks = List.copyOf(fileWebhooks);
    this.rules = rules;
  }

  /**
   * Queues the notifications for a durable log file.
   *
   * @param records the exact JSON bytes of the file's records
   * @return how many messages were queued
   */
  public int logFileDurable(String bucket, String key, List<byte[]> records) {
    int queued = 0;
    if (!fileWebhooks.isEmpty()) {
      byte[] message = FileNotification.of(bucket, key).toJson();
      for (URI webhook : fileWebhooks) {
        sender.send(webhook, NotificationKinds.FILE_DELIVERED, message);
        queued++;
      }
    }
    if (rules.isEmpty()) {
      return queued;
    }
    for (int i = 0; i < records.size(); i++) {
      RuleMatches matches;
      try {
        matches = rules.evaluate(records.get(i));
      } catch (IllegalArgumentException e) {
        // Stored records passed the record rules, so this is a bug, not bad input: say where, keep going.
        log.warn("record {} of {}/{} could not be matched against the rules: {}", i, bucket, key, e.getMessage());
        continue;
      }
      for (Rule rule : matches.rules()) {
        sender.send(rule.webhook(), NotificationKinds.RULE_MATCH, matches.notificationBody(rule));
        queued++;
      }
    }
    return queued;
  }
}
