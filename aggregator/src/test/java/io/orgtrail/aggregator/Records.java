package io.orgtrail.aggregator;

/** CloudTrail records for tests, as the exact JSON text an agent would send. */
final class Records {
  private Records() {}

  static String record(String account, String region, String eventId) {
    return "{\"eventVersion\":\"1.08\",\"userIdentity\":{\"type\":\"IAMUser\",\"accountId\":\"" + account + "\"},"
        + "\"eventTime\":\"2024-05-01T10:00:00Z\",\"eventSource\":\"ec2.amazonaws.com\","
        + "\"eventName\":\"DescribeInstances\",\"awsRegion\":\"" + region + "\",\"sourceIPAddress\":\"10.0.0.1\","
        + "\"eventID\":\"" + eventId + "\",\"readOnly\":true,\"recipientAccountId\":\"" + account + "\"}";
  }

  /** A record padded with a {@code pad} field so that it is about {@code bytes} long. */
  static String padded(String account, String region, String eventId, int bytes) {
    String base = record(account, region, eventId);
    int pad = Math.max(0, bytes - base.length() - 10);
    return base.replace("\"readOnly\"", "\"pad\":\"" + "x".repeat(pad) + "\",\"readOnly\"");
  }
}
