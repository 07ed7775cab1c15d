package io.orgtrail.agent.testing;

import java.nio.charset.StandardCharsets;

/** Small valid CloudTrail records for tests. */
public final class TestRecords {
  private TestRecords() {}

  public static String json(String account, String region, String eventId) {
    return "{\"eventVersion\":\"1.08\",\"eventTime\":\"2024-05-01T10:00:00Z\",\"eventSource\":\"ec2.amazonaws.com\","
        + "\"eventName\":\"DescribeInstances\",\"awsRegion\":\"" + region + "\",\"sourceIPAddress\":\"10.0.0.1\","
        + (eventId == null ? "" : "\"eventID\":\"" + eventId + "\",")
        + "\"recipientAccountId\":\"" + account + "\"}";
  }

  /** A record padded to exactly {@code size} bytes. */
  public static byte[] ofSize(String account, String eventId, int size) {
    String base = json(account, "us-east-1", eventId);
    String prefix = "{\"pad\":\"";
    String suffix = "\",";
    int padding = size - base.length() - prefix.length() - suffix.length() + 1;
    if (padding < 0) {
      throw new IllegalArgumentException("records are at least " + (base.length() + prefix.length() + suffix.length() - 1) + " bytes");
    }
    byte[] out = (prefix + "x".repeat(padding) + suffix + base.substring(1)).getBytes(StandardCharsets.UTF_8);
    if (out.length != size) {
      throw new IllegalStateException("padding arithmetic: " + out.length + " != " + size);
    }
    return out;
  }

  public static byte[] bytes(String account, String region, String eventId) {
    return json(account, region, eventId).getBytes(StandardCharsets.UTF_8);
  }
}
