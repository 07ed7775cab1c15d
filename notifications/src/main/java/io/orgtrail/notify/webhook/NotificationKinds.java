package io.orgtrail.notify.webhook;

/** The kinds of webhook message orgtrail sends, as named in the {@code X-Orgtrail-Notification} header. */
public final class NotificationKinds {
  /** A log file became durable; the body is a {@code FileNotification} (CloudTrail's SNS message shape). */
  public static final String FILE_DELIVERED = "file-delivered";
  /** A record matched a rule; the body is a {@code RuleMatchNotification}. */
  public static final String RULE_MATCH = "rule-match";

  private NotificationKinds() {}
}
