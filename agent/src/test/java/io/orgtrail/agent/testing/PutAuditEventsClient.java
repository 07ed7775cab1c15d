package io.orgtrail.agent.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;

/** Calls an agent's PutAuditEvents endpoint the way a CloudTrail Lake client would. */
public final class PutAuditEventsClient {
  public static final ObjectMapper JSON = new ObjectMapper();
  private final HttpClient http = HttpClient.newHttpClient();
  private final int port;

  public PutAuditEventsClient(int port) {
    this.port = port;
  }

  public record Response(int status, JsonNode body, HttpResponse<String> raw) {}

  /** A body with one entry per record, ids "e0", "e1", ... */
  public static ObjectNode body(List<String> records) {
    ObjectNode body = JSON.createObjectNode();
    ArrayNode list = body.putArray("auditEvents");
    for (int i = 0; i < records.size(); i++) {
      list.addObject().put("id", "e" + i).put("eventData", records.get(i));
    }
    return body;
  }

  public Response put(JsonNode body) throws IOException, InterruptedException {
    return post(JSON.writeValueAsBytes(body));
  }

  public Response post(byte[] body) throws IOException, InterruptedException {
    HttpResponse<String> r = http.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/PutAuditEvents?channelArn=test"))
            .POST(HttpRequest.BodyPublishers.ofByteArray(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
    JsonNode parsed = r.body().isEmpty() ? JSON.nullNode() : JSON.readTree(r.body());
    return new Response(r.statusCode(), parsed, r);
  }
}
