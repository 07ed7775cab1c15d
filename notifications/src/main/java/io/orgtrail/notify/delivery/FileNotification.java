package io.orgtrail.notify.delivery;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * CloudTrail's delivery notification (the SNS message it publishes when log files are delivered), byte for byte:
 * {@code {"s3Bucket":"<bucket>","s3ObjectKey":["AWSLogs/...json.gz"]}}, compact, keys in that order.
 */
public record FileNotification(String bucket, List<String> keys) {
  private static final ObjectMapper JSON = new ObjectMapper();

  public FileNotification {
    if (bucket == null || bucket.isEmpty()) {
      throw new IllegalArgumentException("a delivery notification needs the bucket name");
    }
    if (keys == null || keys.isEmpty()) {
      throw new IllegalArgumentException("a delivery notification for bucket " + bucket + " needs at least one key");
    }
    keys = List.copyOf(keys);
  }

  public static FileNotification of(String bucket, String key) {
    return new FileNotification(bucket, List.of(key));
  }

  /** The message as UTF-8 JSON. */
  public byte[] toJson() {
    ObjectNode message = JsonNodeFactory.instance.objectNode();
    message.put("s3Bucket", bucket);
    ArrayNode objectKeys = message.putArray("s3ObjectKey");
    keys.forEach(objectKeys::add);
    try {
      return JSON.writeValueAsBytes(message);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("could not serialise a JSON tree: " + e.getMessage(), e);
    }
  }

  public String toJsonString() {
    return new String(toJson(), java.nio.charset.StandardCharsets.UTF_8);
  }
}
