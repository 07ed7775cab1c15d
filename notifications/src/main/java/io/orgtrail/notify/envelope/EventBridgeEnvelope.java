package io.orgtrail.notify.envelope;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.orgtrail.format.ids.RandomUuids;

/**
 * Wraps a CloudTrail record in the event EventBridge delivers for it, so that users can reuse their EventBridge
 * patterns unchanged:
 *
 * <pre>
 * {"version":"0", "id":&lt;random UUID&gt;, "detail-type":..., "source":..., "account":recipientAccountId,
 *  "time":eventTime, "region":awsRegion, "resources":[], "detail":&lt;the record, unchanged&gt;}
 * </pre>
 *
 * <p>detail-type from eventType: AwsApiCall -&gt; "AWS API Call via CloudTrail", AwsConsoleSignIn -&gt; "AWS Console
 * Sign In via CloudTrail", AwsServiceEvent -&gt; "AWS Service Event via CloudTrail", AwsConsoleAction -&gt; "AWS
 * Console Action via CloudTrail", AwsCloudTrailInsight -&gt; "AWS Insight via CloudTrail"; a missing or unknown
 * eventType is treated as an API call (the commonest kind, and what records older than eventType were).
 *
 * <p>source: "aws." + the first label of eventSource (dynamodb.amazonaws.com -&gt; aws.dynamodb, signin.amazonaws.com
 * -&gt; aws.signin). account, time and region are JSON null when the record lacks recipientAccountId, eventTime or
 * awsRegion (the aggregator's record rules make that impossible for stored records), and so is source without
 * eventSource. The record is shared, not copied: callers must not change it afterwards.
 *
 * <p>Safe to share between threads.
 */
public final class EventBridgeEnvelope {
  public static final String API_CALL = "AWS API Call via CloudTrail";
  public static final String CONSOLE_SIGN_IN = "AWS Console Sign In via CloudTrail";
  public static final String SERVICE_EVENT = "AWS Service Event via CloudTrail";
  public static final String CONSOLE_ACTION = "AWS Console Action via CloudTrail";
  public static final String INSIGHT = "AWS Insight via CloudTrail";

  private final RandomUuids ids;

  /** @param ids the source of each envelope's {@code id} */
  public EventBridgeEnvelope(RandomUuids ids) {
    this.ids = ids;
  }

  /** The envelope around {@code record} (a CloudTrail record as a JSON object). */
  public ObjectNode wrap(JsonNode record) {
    if (record == null || !record.isObject()) {
      throw new IllegalArgumentException("a CloudTrail record must be a JSON object, not "
          + (record == null ? "nothing" : record.getNodeType()));
    }
    ObjectNode event = JsonNodeFactory.instance.objectNode();
    event.put("version", "0");
    event.put("id", ids.next());
    event.put("detail-type", detailType(text(record, "eventType")));
    event.put("source", source(text(record, "eventSource")));
    event.put("account", text(record, "recipientAccountId"));
    event.put("time", text(record, "eventTime"));
    event.put("region", text(record, "awsRegion"));
    event.putArray("resources");
    event.set("detail", record);
    return event;
  }

  /** The detail-type EventBridge gives a CloudTrail record of this eventType. */
  public static String detailType(String eventType) {
    if (eventType == null) {
      return API_CALL;
    }
    switch (eventType) {
      case "AwsConsoleSignIn":
        return CONSOLE_SIGN_IN;
      case "AwsServiceEvent":
        return SERVICE_EVENT;
      case "AwsConsoleAction":
        return CONSOLE_ACTION;
      case "AwsCloudTrailInsight":
        return INSIGHT;
      default:
        return API_CALL;
    }
  }

  /** The source EventBridge gives a record from this eventSource, or null without one. */
  public static String source(String eventSource) {
    if (eventSource == null || eventSource.isEmpty()) {
      return null;
    }
    int dot = eventSource.indexOf('.');
    return "aws." + (dot < 0 ? eventSource : eventSource.substring(0, dot));
  }

  private static String text(JsonNode record, String field) {
    JsonNode value = record.get(field);
    return value != null && value.isTextual() ? value.textValue() : null;
  }
}
