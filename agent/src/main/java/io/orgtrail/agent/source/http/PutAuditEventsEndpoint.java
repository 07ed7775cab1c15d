package io.orgtrail.agent.source.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.orgtrail.agent.ListenAddress;
import io.orgtrail.agent.batch.AcceptanceTicket;
import io.orgtrail.agent.intake.Intake;
import io.orgtrail.agent.intake.IntakeResult;
import io.orgtrail.format.record.JsonMinifier;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An HTTP endpoint shaped like CloudTrail Lake's {@code PutAuditEvents}, so tools that send audit events to
 * CloudTrail Lake can send them to the agent instead:
 *
 * <pre>
 * POST /PutAuditEvents?channelArn=...&amp;externalId=...      (both optional here)
 * {"auditEvents":[{"id":"1","eventData":"{...CloudTrail record...}","eventDataChecksum":"<SHA-256, hex or base64>"}]}
 *
 * 200 {"successful":[{"id":"1","eventID":"..."}],"failed":[{"id":"2","errorCode":"WrongAccount","errorMessage":"..."}]}
 * </pre>
 *
 * A call carries 1 to 100 events in at most 1 MiB; breaking that, or a body that is not such JSON, is answered
 * 400 {@code {"__type":"ValidationException","message":"..."}}. Each event otherwise succeeds or fails alone
 * ({@link AuditEventError} lists the codes).
 *
 * <p>An event is listed as successful only once it is in the agent's disk spool, forced to disk: the call closes
 * the open batch and waits for that (one fsync, or the next group commit). When the spool is full of events the
 * aggregator has not acknowledged yet, when the agent holds its maximum of events in memory, or when no event of
 * the call could be written to the spool (disk full, I/O error), the call is answered 503 with
 * {@code Retry-After} and none of its events was taken. Should the spool fail part-way through a call, the events
 * not written are listed as failed with {@link AuditEventError#NOT_STORED}. An event the trail's event selectors do
 * not select is listed as successful (with its eventID) without being written anywhere, as CloudTrail does.
 */
public final class PutAuditEventsEndpoint implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(PutAuditEventsEndpoint.class);
  public static final String PATH = "/PutAuditEvents";
  public static final int MAX_EVENTS = 100;
  public static final int MAX_BODY_BYTES = 1024 * 1024;
  public static final int RETRY_AFTER_SECONDS = 2;
  private static final long DRAIN_LIMIT_BYTES = 16L * 1024 * 1024;
  static final java.time.Duration DRAIN_TIMEOUT = java.time.Duration.ofSeconds(2);
  /** Longer than any sane fsync: past it something is badly wrong with the disk and the outcome is unknown. */
  static final java.time.Duration SPOOL_TIMEOUT = java.time.Duration.ofSeconds(60);
  private static final Pattern ID = Pattern.compile("[-_A-Za-z0-9]{1,128}");
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Intake intake;
  private final HttpServer server;
  private final ExecutorService executor;
  private int active; // guarded by this
  private boolean closing; // guarded by this

  private PutAuditEventsEndpoint(Intake intake, HttpServer server, ExecutorService executor) {
    this.intake = intake;
    this.server = server;
    this.executor = executor;
  }

  /** Binds {@code address} and starts serving. */
  public static PutAuditEventsEndpoint start(ListenAddress address, Intake intake) throws IOException {
    HttpServer server;
    try {
      server = HttpServer.create(new InetSocketAddress(address.host(), address.port()), 64);
    } catch (IOException e) {
      throw new IOException("cannot listen for PutAuditEvents on " + address + ": " + e.getMessage()
          + " (is another process using the port?)", e);
    }
    AtomicInteger threads = new AtomicInteger();
    ExecutorService executor = Executors.newFixedThreadPool(4, r -> {
      Thread t = new Thread(r, "orgtrail-agent-http-" + threads.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
    PutAuditEventsEndpoint endpoint = new PutAuditEventsEndpoint(intake, server, executor);
    server.createContext("/", endpoint::handle);
    server.setExecutor(executor);
    server.start();
    return endpoint;
  }

  public int port() {
    return server.getAddress().getPort();
  }

  /**
   * Stops taking calls: new ones are answered 503, calls being handled are finished (for up to
   * {@link #DRAIN_TIMEOUT}) so no client is cut off after its events were taken.
   */
  @Override
  public void close() {
    try {
      synchronized (this) {
        closing = true;
        long deadline = System.nanoTime() + DRAIN_TIMEOUT.toNanos();
        while (active > 0 && System.nanoTime() < deadline) {
          TimeUnit.NANOSECONDS.timedWait(this, deadline - System.nanoTime());
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    // JDK 17's stop(n) waits the full n seconds even when nothing is open; the draining above replaces it.
    server.stop(0);
    executor.shutdownNow();
  }

  private synchronized boolean enter() {
    if (closing) {
      return false;
    }
    active++;
    return true;
  }

  private synchronized void leave() {
    active--;
    notifyAll();
  }

  private void handle(HttpExchange exchange) throws IOException {
    if (!enter()) {
      try (exchange) {
        exchange.getResponseHeaders().set("Retry-After", Integer.toString(RETRY_AFTER_SECONDS));
        send(exchange, 503, error("ServiceUnavailableException", "the agent is stopping; retry against its next run"));
      }
      return;
    }
    try (exchange) {
      if (!PATH.equals(exchange.getRequestURI().getPath())) {
        send(exchange, 404, error("ResourceNotFoundException",
            "no such operation " + exchange.getRequestURI().getPath() + "; use POST " + PATH));
        return;
      }
      if (!"POST".equals(exchange.getRequestMethod())) {
        exchange.getResponseHeaders().set("Allow", "POST");
        send(exchange, 405, error("ValidationException", PATH + " takes POST, not " + exchange.getRequestMethod()));
        return;
      }
      Answer answer = answer(exchange);
      if (answer.retryAfterSeconds > 0) {
        exchange.getResponseHeaders().set("Retry-After", Integer.toString(answer.retryAfterSeconds));
      }
      send(exchange, answer.status, answer.body);
    } catch (RuntimeException e) {
      log.error("PutAuditEvents failed unexpectedly", e);
      send(exchange, 500, error("InternalFailure", "the agent failed to handle the call: " + e));
    } finally {
      leave();
    }
  }

  private record Answer(int status, ObjectNode body, int retryAfterSeconds) {
    static Answer badRequest(String message) {
      return new Answer(400, error("ValidationException", message), 0);
    }
  }

  private Answer answer(HttpExchange exchange) throws IOException {
    byte[] body;
    try (InputStream in = exchange.getRequestBody()) {
      body = in.readNBytes(MAX_BODY_BYTES + 1);
      if (body.length > MAX_BODY_BYTES) {
        // Read what the client is still sending (within reason): a client cut off mid-upload never sees the answer.
        // Not skip(): the JDK server's body stream inherits FilterInputStream.skip, which bypasses its length count.
        long rest = discard(in, DRAIN_LIMIT_BYTES);
        if (rest >= DRAIN_LIMIT_BYTES) {
          exchange.getResponseHeaders().set("Connection", "close");
        }
        String declared = exchange.getRequestHeaders().getFirst("Content-Length");
        return Answer.badRequest(tooLarge(declared != null ? declared + " bytes" : "over " + MAX_BODY_BYTES + " bytes"));
      }
    }
    JsonNode root;
    try {
      root = JSON.readTree(body);
    } catch (JsonProcessingException e) {
      return Answer.badRequest("the request body is not valid JSON: " + e.getOriginalMessage()
          + "; expected {\"auditEvents\":[{\"id\":\"...\",\"eventData\":\"...\"}]}");
    }
    if (root == null || !root.isObject()) {
      return Answer.badRequest("the request body must be a JSON object {\"auditEvents\":[...]}");
    }
    JsonNode events = root.get("auditEvents");
    if (events == null || !events.isArray()) {
      return Answer.badRequest("auditEvents is missing or not an array; expected {\"auditEvents\":[{\"id\":\"...\",\"eventData\":\"...\"}]}");
    }
    if (events.isEmpty()) {
      return Answer.badRequest("auditEvents is empty; send 1 to " + MAX_EVENTS + " events per call");
    }
    if (events.size() > MAX_EVENTS) {
      return Answer.badRequest("auditEvents has " + events.size() + " events; at most " + MAX_EVENTS
          + " are allowed per call: split it into several calls");
    }
    for (int i = 0; i < events.size(); i++) {
      JsonNode e = events.get(i);
      JsonNode id = e.get("id");
      if (!e.isObject() || id == null || !id.isTextual() || !ID.matcher(id.textValue()).matches()) {
        return Answer.badRequest("auditEvents[" + i + "] needs an id of 1 to 128 letters, digits, '-' or '_'");
      }
    }

    List<IntakeResult.Accepted> accepted = new ArrayList<>();
    List<String> acceptedIds = new ArrayList<>();
    List<String> filteredIds = new ArrayList<>();
    List<String> filteredEventIds = new ArrayList<>();
    List<Failure> failures = new ArrayList<>();
    Set<String> ids = new HashSet<>();
    for (JsonNode e : events) {
      String id = e.get("id").textValue();
      if (!ids.add(id)) {
        failures.add(new Failure(id, AuditEventError.DUPLICATE_ID,
            "another event of this call has the id '" + id + "'; ids must be unique within a call"));
        continue;
      }
      JsonNode data = e.get("eventData");
      if (data == null || !data.isTextual()) {
        failures.add(new Failure(id, AuditEventError.MISSING_EVENT_DATA,
            "eventData is missing or not a string; it must hold the CloudTrail record as JSON text"));
        continue;
      }
      byte[] record = data.textValue().getBytes(StandardCharsets.UTF_8);
      JsonNode checksum = e.get("eventDataChecksum");
      if (checksum != null && !checksum.isNull()) {
        Failure bad = checkChecksum(id, checksum, record);
        if (bad != null) {
          failures.add(bad);
          continue;
        }
      }
      IntakeResult r = intake.check(JsonMinifier.minify(record));
      if (r instanceof IntakeResult.Accepted a) {
        accepted.add(a);
        acceptedIds.add(id);
      } else if (r instanceof IntakeResult.Filtered f) {
        // The trail's event selectors do not select it: successful, as CloudTrail takes and does not log it.
        filteredIds.add(id);
        filteredEventIds.add(f.eventId());
      } else {
        IntakeResult.Rejected rejected = (IntakeResult.Rejected) r;
        failures.add(new Failure(id, AuditEventError.of(rejected.problem()), rejected.message()));
      }
    }

    AcceptanceTicket ticket = new AcceptanceTicket();
    if (!accepted.isEmpty()) {
      Answer busy = switch (intake.tryOfferAll(accepted, ticket)) {
        case TAKEN -> null;
        case MEMORY_FULL -> unavailable("the agent holds its maximum of events not yet written to its spool");
        case SPOOL_FULL -> unavailable("the agent's spool is full of events the aggregator has not acknowledged yet");
      };
      if (busy != null) {
        return busy;
      }
      ticket.handedOver(accepted.size());
      intake.flush();
      try {
        if (!ticket.await(SPOOL_TIMEOUT)) {
          log.error("PutAuditEvents: the spool did not take or refuse {} events within {}s; answering 500, the "
              + "events may still be delivered", accepted.size(), SPOOL_TIMEOUT.toSeconds());
          return new Answer(500, error("InternalFailure", "the agent's spool did not confirm the events within "
              + SPOOL_TIMEOUT.toSeconds() + " seconds; their outcome is unknown"), 0);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return new Answer(500, error("InternalFailure",
            "the agent stopped before its spool confirmed the events; their outcome is unknown"), 0);
      }
      if (ticket.spooledCount() == 0) {
        return unavailable("the agent could not write the events to its spool (" + ticket.refusal() + ")");
      }
    }
    ObjectNode out = JSON.createObjectNode();
    ArrayNode successful = out.putArray("successful");
    ArrayNode failed = out.putArray("failed");
    for (int i = 0; i < accepted.size(); i++) {
      if (ticket.isSpooled(i)) {
        successful.addObject().put("id", acceptedIds.get(i)).put("eventID", accepted.get(i).eventId());
      } else {
        failed.addObject().put("id", acceptedIds.get(i)).put("errorCode", AuditEventError.NOT_STORED.code())
            .put("errorMessage", "the agent could not write the event to its spool (" + ticket.refusal()
                + "); send it again later");
      }
    }
    for (int i = 0; i < filteredIds.size(); i++) {
      successful.addObject().put("id", filteredIds.get(i)).put("eventID", filteredEventIds.get(i));
    }
    intake.countFiltered(filteredIds.size());
    for (Failure f : failures) {
      intake.countRejected(f.error.statsKey());
      failed.addObject().put("id", f.id).put("errorCode", f.error.code()).put("errorMessage", f.message);
    }
    return new Answer(200, out, 0);
  }

  private record Failure(String id, AuditEventError error, String message) {}

  private static Answer unavailable(String why) {
    return new Answer(503, error("ServiceUnavailableException", why + "; retry after " + RETRY_AFTER_SECONDS
        + " seconds"), RETRY_AFTER_SECONDS);
  }

  private static Failure checkChecksum(String id, JsonNode checksum, byte[] record) {
    byte[] expected = checksum.isTextual() ? decodeSha256(checksum.textValue()) : null;
    if (expected == null) {
      return new Failure(id, AuditEventError.INVALID_CHECKSUM,
          "eventDataChecksum must be the SHA-256 of eventData as 64 hex digits or base64");
    }
    if (!MessageDigest.isEqual(expected, sha256(record))) {
      return new Failure(id, AuditEventError.CHECKSUM_MISMATCH,
          "eventDataChecksum does not match the SHA-256 of eventData's UTF-8 bytes; the event was changed in transit "
              + "or the checksum was computed over other bytes");
    }
    return null;
  }

  private static byte[] decodeSha256(String text) {
    String t = text.trim();
    try {
      if (t.length() == 64) {
        return HexFormat.of().parseHex(t.toLowerCase(java.util.Locale.ROOT));
      }
      byte[] b = t.indexOf('-') >= 0 || t.indexOf('_') >= 0 ? Base64.getUrlDecoder().decode(t) : Base64.getDecoder().decode(t);
      return b.length == 32 ? b : null;
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  private static byte[] sha256(byte[] bytes) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(bytes);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required by the Java platform", e);
    }
  }

  private static String tooLarge(String size) {
    return "the request body is " + size + "; PutAuditEvents takes at most " + MAX_BODY_BYTES
        + " bytes (1 MB) per call: split the events into several calls";
  }

  private static long discard(InputStream in, long limit) throws IOException {
    byte[] buffer = new byte[64 * 1024];
    long total = 0;
    int n;
    while (total < limit && (n = in.read(buffer, 0, (int) Math.min(buffer.length, limit - total))) >= 0) {
      total += n;
    }
    return total;
  }

  private static ObjectNode error(String type, String message) {
    return JSON.createObjectNode().put("__type", type).put("message", message);
  }

  private static void send(HttpExchange exchange, int status, ObjectNode body) throws IOException {
    byte[] bytes = JSON.writeValueAsBytes(body);
    exchange.getResponseHeaders().set("Content-Type", "application/x-amz-json-1.1");
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }
}
