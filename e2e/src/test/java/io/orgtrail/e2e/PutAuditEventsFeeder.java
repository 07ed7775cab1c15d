package io.orgtrail.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A source that keeps calling an agent's PutAuditEvents endpoint, as a CloudTrail Lake client would, and remembers
 * exactly which events the agent said it accepted. A call that fails or is not answered (the agent was killed) is
 * not retried with the same events: their fate is unknown, so they may be delivered at most once.
 */
final class PutAuditEventsFeeder implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final String account;
  private final URI endpoint;
  private final int eventsPerCall;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  private final Set<String> accepted = ConcurrentHashMap.newKeySet();
  private final AtomicLong calls = new AtomicLong();
  private final AtomicLong unanswered = new AtomicLong();
  private final AtomicLong refused = new AtomicLong();
  private final Thread thread;
  private volatile boolean running = true;
  private volatile boolean paused;

  PutAuditEventsFeeder(String account, int port, int eventsPerCall) {
    this.account = account;
    this.endpoint = URI.create("http://127.0.0.1:" + port + "/PutAuditEvents");
    this.eventsPerCall = eventsPerCall;
    this.thread = new Thread(this::loop, "feeder-" + account);
    this.thread.setDaemon(true);
    this.thread.start();
  }

  Set<String> accepted() {
    return Set.copyOf(accepted);
  }

  long acceptedCount() {
    return accepted.size();
  }

  long refusedCalls() {
    return refused.get();
  }

  String stats() {
    return account + ": " + calls.get() + " calls, " + accepted.size() + " events accepted, " + refused.get()
        + " calls refused (503), " + unanswered.get() + " unanswered";
  }

  void pause(boolean paused) {
    this.paused = paused;
  }

  private void loop() {
    while (running) {
      if (paused) {
        idle(50);
        continue;
      }
      ObjectNode body = JSON.createObjectNode();
      ArrayNode events = body.putArray("auditEvents");
      for (int i = 0; i < eventsPerCall; i++) {
        String eventId = UUID.randomUUID().toString();
        events.addObject().put("id", "e" + i).put("eventData", record(eventId));
      }
      calls.incrementAndGet();
      try {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(endpoint)
                .timeout(Duration.ofSeconds(10))
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
                .build(),
            HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() == 200) {
          for (JsonNode ok : JSON.readTree(response.body()).path("successful")) {
            accepted.add(ok.path("eventID").asText());
          }
        } else {
          refused.incrementAndGet();
          idle(200);
        }
      } catch (Exception e) {
        // Unanswered: the agent died or restarts. These events' fate is unknown; new events next time.
        unanswered.incrementAndGet();
        idle(200);
      }
    }
  }

  private String record(String eventId) {
    return "{\"eventVersion\":\"1.08\",\"eventTime\":\"" + Instant.now() + "\",\"eventSource\":\"ec2.amazonaws.com\","
        + "\"eventName\":\"RunInstances\",\"awsRegion\":\"us-east-1\",\"sourceIPAddress\":\"10.0.0.1\","
        + "\"eventID\":\"" + eventId + "\",\"recipientAccountId\":\"" + account + "\"}";
  }

  private static void idle(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() throws InterruptedException {
    running = false;
    thread.join(15_000);
  }
}
