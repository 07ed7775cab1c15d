package io.orgtrail.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.orgtrail.testkit.Await;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A source that keeps calling an agent's PutAuditEvents endpoint, as a CloudTrail Lake client would, and remembers
 * exactly which events the agent said it accepted. A call that fails or is not answered (the agent was killed) is
 * not retried with the same events: their fate is unknown, so they may be delivered at most once.
 */
public final class PutAuditEventsFeeder implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final String account;
  private final URI endpoint;
  private final int eventsPerCall;
  private final Duration pauseBetweenCalls;
  private final List<String> regions;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  private final Set<String> accepted = ConcurrentHashMap.newKeySet();
  private final AtomicLong calls = new AtomicLong();
  private final AtomicLong unanswered = new AtomicLong();
  private final AtomicLong refused = new AtomicLong();
  private final Thread thread;
  private volatile boolean running = true;
  private volatile boolean paused;
  private volatile boolean inCall;

  /** Calls back to back, events in us-east-1. */
  PutAuditEventsFeeder(String account, int port, int eventsPerCall) {
    this(account, port, eventsPerCall, Duration.ZERO, List.of("us-east-1"));
  }

  /** A steady source: a call, then {@code pauseBetweenCalls}; events spread over {@code regions} in turn. */
  public PutAuditEventsFeeder(String account, int port, int eventsPerCall, Duration pauseBetweenCalls,
      List<String> regions) {
    this.account = account;
    this.endpoint = URI.create("http://127.0.0.1:" + port + "/PutAuditEvents");
    this.eventsPerCall = eventsPerCall;
    this.pauseBetweenCalls = pauseBetweenCalls;
    this.regions = List.copyOf(regions);
    this.thread = new Thread(this::loop, "feeder-" + account);
    this.thread.setDaemon(true);
    this.thread.start();
  }

  public Set<String> accepted() {
    return Set.copyOf(accepted);
  }

  public long acceptedCount() {
    return accepted.size();
  }

  long refusedCalls() {
    return refused.get();
  }

  public String stats() {
    return account + ": " + calls.get() + " calls, " + accepted.size() + " events accepted, " + refused.get()
        + " calls refused (503), " + unanswered.get() + " unanswered";
  }

  void pause(boolean paused) {
    this.paused = paused;
  }

  /** Pauses, and returns once the call under way (if any) has its answer: {@link #accepted()} is then final. */
  public void quiesce(Duration timeout) {
    paused = true;
    Await.until(timeout, Duration.ofMillis(20), () -> !inCall,
        () -> "the call to " + endpoint + " under way to end");
  }

  public void resume() {
    paused = false;
  }

  private void loop() {
    while (running) {
      if (paused) {
        idle(50);
        continue;
      }
      inCall = true;
      if (paused) { // paused between the check above and now: quiesce() must not miss a call
        inCall = false;
        continue;
      }
      ObjectNode body = JSON.createObjectNode();
      ArrayNode events = body.putArray("auditEvents");
      for (int i = 0; i < eventsPerCall; i++) {
        String eventId = UUID.randomUUID().toString();
        events.addObject().put("id", "e" + i).put("eventData", record(eventId, regions.get(i % regions.size())));
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
      } finally {
        inCall = false;
      }
      if (!pauseBetweenCalls.isZero()) {
        idle(pauseBetweenCalls.toMillis());
      }
    }
  }

  private String record(String eventId, String region) {
    return "{\"eventVersion\":\"1.08\",\"eventTime\":\"" + Instant.now() + "\",\"eventSource\":\"ec2.amazonaws.com\","
        + "\"eventName\":\"RunInstances\",\"awsRegion\":\"" + region + "\",\"sourceIPAddress\":\"10.0.0.1\","
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
