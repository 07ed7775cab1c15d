package io.orgtrail.notify.rules;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * The webhook body for a rule match: {@code {"rule":"<name>","event":{<the EventBridge envelope>}}}, where the
 * envelope's {@code detail} is the record's exact bytes (spliced in, not re-serialised, so numbers, escapes and
 * unknown fields reach the receiver as CloudTrail wrote them). The receiver can key on {@code event.detail.eventID}.
 */
public record RuleMatchNotification(String rule, ObjectNode event, byte[] recordJson) {
  private static final ObjectMapper JSON = new ObjectMapper();

  public byte[] toJson() {
    ObjectNode envelope = event.deepCopy();
    envelope.remove("detail");
    ObjectNode body = JsonNodeFactory.instance.objectNode();
    body.put("rule", rule);
    body.set("event", envelope);
    byte[] head;
    try {
      head = JSON.writeValueAsBytes(body);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("could not serialise a JSON tree: " + e.getMessage(), e);
    }
    // head ends with "}}": the envelope's and the body's closing braces; detail goes before the first of them.
    ByteArrayOutputStream out = new ByteArrayOutputStream(head.length + recordJson.length + 16);
    out.write(head, 0, head.length - 2);
    out.writeBytes(",\"detail\":".getBytes(StandardCharsets.UTF_8));
    out.writeBytes(recordJson);
    out.writeBytes("}}".getBytes(StandardCharsets.UTF_8));
    return out.toByteArray();
  }
}
