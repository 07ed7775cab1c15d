package io.orgtrail.notify.webhook;

import io.orgtrail.format.ids.RandomUuids;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodySubscribers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers JSON messages to webhooks with retries, without ever making the caller wait for a receiver.
 *
 * <p>Each message is POSTed with {@code Content-Type: application/json}, {@value #KIND_HEADER} (its kind, see
 * {@link NotificationKinds}), {@value #ID_HEADER} (a unique id, the same on every attempt, so receivers can
 * de-duplicate: delivery is at-least-once) and {@value #ATTEMPT_HEADER} (1, 2, ...). A 2xx answer delivers it. 5xx,
 * 408, 429, timeouts and connection errors are retried after a backoff that starts at {@code firstBackoff} and doubles
 * up to {@code maxBackoff} (a longer {@code Retry-After} in seconds is honoured, within the cap). Any other answer (3xx,
 * 4xx) cannot get better by retrying: the message goes to the dead-letter file at once, as it does after
 * {@code maxAttempts} attempts.
 *
 * <p>The queue holds at most {@code queueCapacity} messages (waiting, waiting for a retry, or in flight); beyond that
 * {@link #send} writes the message to the dead-letter file with reason "queue full" instead (the only I/O it does on
 * the caller's thread: one appended line). At most {@code maxConcurrentRequests} requests are in flight at once.
 * Every dead letter is logged once at WARN.
 *
 * <p>{@link #close()} stops taking messages, dead-letters the waiting ones with reason "shutdown", lets attempts in
 * flight finish within {@code shutdownGrace} (a retryable failure then is dead-lettered too), and dead-letters what is
 * still in flight after it. Nothing is dropped silently.
 */
public final class WebhookSender implements AutoCloseable {
  public static final String KIND_HEADER = "X-Orgtrail-Notification";
  public static final String ID_HEADER = "Idempotency-Key";
  public static final String ATTEMPT_HEADER = "X-Orgtrail-Attempt";
  public static final String USER_AGENT = "orgtrail-webhook/1";

  private static final Logger log = LoggerFactory.getLogger(WebhookSender.class);
  private static final Pattern KIND = Pattern.compile("[A-Za-z0-9._-]{1,64}");
  private static final int ERROR_BODY_CHARS = 200;

  private final HttpClient http;
  private final ScheduledExecutorService scheduler;
  private final boolean ownsScheduler;
  private final Clock clock;
  private final RandomUuids ids;
  private final int maxAttempts;
  private final Backoff backoff;
  private final int queueCapacity;
  private final int maxConcurrentRequests;
  private final Duration requestTimeout;
  private final Duration shutdownGrace;
  private final DeadLetterFile deadLetters;

  private final LongAdder sent = new LongAdder();
  private final LongAdder delivered = new LongAdder();
  private final LongAdder retried = new LongAdder();
  private final LongAdder deadLettered = new LongAdder();
  private final LongAdder queueFull = new LongAdder();

  private final Object lock = new Object();
  /** Messages not yet delivered or dead-lettered; a message leaves it exactly once. Guarded by lock. */
  private final Set<WebhookMessage> pending = new LinkedHashSet<>();
  /** Messages due for an attempt. Guarded by lock. */
  private final Deque<WebhookMessage> ready = new ArrayDeque<>();
  private int inFlight;
  private boolean closed;

  private WebhookSender(Builder builder) {
    this.http = builder.httpClient != null ? builder.httpClient
        : HttpClient.newBuilder()
            .connectTimeout(builder.connectTimeout)
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
    if (builder.scheduler != null) {
      this.scheduler = builder.scheduler;
      this.ownsScheduler = false;
    } else {
      ScheduledThreadPoolExecutor own = new ScheduledThreadPoolExecutor(1, runnable -> {
        Thread thread = new Thread(runnable, "orgtrail-webhook-sender");
        thread.setDaemon(true);
        return thread;
      });
      own.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
      own.setRemoveOnCancelPolicy(true);
      this.scheduler = own;
      this.ownsScheduler = true;
    }
    this.clock = builder.clock;
    this.ids = builder.ids != null ? builder.ids : new RandomUuids(new SecureRandom());
    this.maxAttempts = builder.maxAttempts;
    this.backoff = new Backoff(builder.firstBackoff, builder.maxBackoff);
    this.queueCapacity = builder.queueCapacity;
    this.maxConcurrentRequests = builder.maxConcurrentRequests;
    this.requestTimeout = builder.requestTimeout;
    this.shutdownGrace = builder.shutdownGrace;
    this.deadLetters = new DeadLetterFile(builder.deadLetterFile);
  }

  public static Builder builder() {
    return new Builder();
  }

  /**
   * Queues {@code jsonBody} for {@code target} and returns at once.
   *
   * @param kind the {@value #KIND_HEADER} header value, e.g. {@link NotificationKinds#FILE_DELIVERED}
   * @return the message id (the {@value #ID_HEADER} header value and the dead-letter {@code id})
   * @throws IllegalArgumentException when {@code target} is not an absolute http(s) URI or {@code kind} not a token
   */
  public String send(URI target, String kind, byte[] jsonBody) {
    Objects.requireNonNull(jsonBody, "jsonBody");
    if (target == null || !target.isAbsolute() || target.getHost() == null
        || !("http".equalsIgnoreCase(target.getScheme()) || "https".equalsIgnoreCase(target.getScheme()))) {
      throw new IllegalArgumentException("a webhook target must be an absolute http(s) URI, not " + target);
    }
    if (kind == null || !KIND.matcher(kind).matches()) {
      throw new IllegalArgumentException("a notification kind must be 1 to 64 letters, digits, '.', '_' or '-'"
          + " (it is sent as the " + KIND_HEADER + " header), not " + kind);
    }
    WebhookMessage message = new WebhookMessage(ids.next(), target, kind, jsonBody.clone());
    String refusal = null;
    synchronized (lock) {
      if (closed) {
        refusal = DeadLetter.SENDER_CLOSED;
      } else if (pending.size() >= queueCapacity) {
        refusal = DeadLetter.QUEUE_FULL;
      } else {
        pending.add(message);
        ready.add(message);
      }
    }
    if (refusal != null) {
      if (refusal.equals(DeadLetter.QUEUE_FULL)) {
        queueFull.increment();
      }
      writeDeadLetter(message, refusal, refusal);
      return message.id;
    }
    sent.increment();
    execute(this::dispatch);
    return message.id;
  }

  /** A snapshot of the counters. */
  public WebhookStats stats() {
    return new WebhookStats(sent.sum(), delivered.sum(), retried.sum(), deadLettered.sum(), queueFull.sum());
  }

  /** Messages not yet delivered or dead-lettered. */
  public int pendingCount() {
    synchronized (lock) {
      return pending.size();
    }
  }

  public boolean isClosed() {
    synchronized (lock) {
      return closed;
    }
  }

  public Path deadLetterFile() {
    return deadLetters.path();
  }

  /** Starts attempts while there is room for more requests in flight. */
  private void dispatch() {
    List<WebhookMessage> starting = new ArrayList<>();
    synchronized (lock) {
      while (!closed && inFlight < maxConcurrentRequests && !ready.isEmpty()) {
        WebhookMessage message = ready.poll();
        if (!pending.contains(message)) {
          continue;
        }
        message.inFlight = true;
        message.attempts++;
        inFlight++;
        starting.add(message);
      }
    }
    starting.forEach(this::attempt);
  }

  private void attempt(WebhookMessage message) {
    HttpRequest request = HttpRequest.newBuilder(message.target)
        .timeout(requestTimeout)
        .header("Content-Type", "application/json")
        .header("User-Agent", USER_AGENT)
        .header(KIND_HEADER, message.kind)
        .header(ID_HEADER, message.id)
        .header(ATTEMPT_HEADER, Integer.toString(message.attempts))
        .POST(HttpRequest.BodyPublishers.ofByteArray(message.body))
        .build();
    try {
      http.sendAsync(request, WebhookSender::errorBodyOnly)
          .whenComplete((response, error) -> execute(() -> attemptDone(message, response, error)));
    } catch (RuntimeException e) {
      execute(() -> attemptDone(message, null, e));
    }
  }

  /** Keeps the start of an error answer for the dead letter; discards a successful one. */
  private static HttpResponse.BodySubscriber<String> errorBodyOnly(HttpResponse.ResponseInfo info) {
    if (info.statusCode() / 100 == 2) {
      return BodySubscribers.replacing("");
    }
    return BodySubscribers.mapping(BodySubscribers.ofByteArray(), bytes -> {
      String text = new String(bytes, StandardCharsets.UTF_8).strip();
      return text.length() <= ERROR_BODY_CHARS ? text : text.substring(0, ERROR_BODY_CHARS) + "...";
    });
  }

  private void attemptDone(WebhookMessage message, HttpResponse<String> response, Throwable error) {
    try {
      settle(message, response, error);
    } finally {
      // Only now: close() must not take a settled message for one still in flight, nor return before its dead
      // letter is written.
      synchronized (lock) {
        message.inFlight = false;
        inFlight--;
        lock.notifyAll();
      }
    }
    dispatch();
  }

  private void settle(WebhookMessage message, HttpResponse<String> response, Throwable error) {
    if (error == null && response.statusCode() / 100 == 2) {
      if (finish(message)) {
        delivered.increment();
      }
      return;
    }
    boolean retryable;
    Duration retryAfter = null;
    if (error != null) {
      message.lastError = describe(error);
      retryable = true;
    } else {
      int status = response.statusCode();
      message.lastError = "HTTP " + status + (response.body().isEmpty() ? "" : ": " + response.body());
      retryable = status >= 500 || status == 429 || status == 408;
      retryAfter = retryAfter(response);
    }
    if (!retryable) {
      deadLetter(message, DeadLetter.REJECTED);
    } else if (message.attempts >= maxAttempts) {
      deadLetter(message, DeadLetter.ATTEMPTS_EXHAUSTED);
    } else if (isClosed()) {
      deadLetter(message, DeadLetter.SHUTDOWN);
    } else {
      retried.increment();
      schedule(message, backoff.afterAttempt(message.attempts, retryAfter));
    }
  }

  private void schedule(WebhookMessage message, Duration delay) {
    try {
      scheduler.schedule(() -> {
        synchronized (lock) {
          if (closed || !pending.contains(message)) {
            return; // close() has dead-lettered it
          }
          ready.add(message);
        }
        dispatch();
      }, delay.toNanos(), TimeUnit.NANOSECONDS);
    } catch (RejectedExecutionException e) {
      deadLetter(message, DeadLetter.SHUTDOWN);
    }
  }

  /**
   * Stops taking messages; dead-letters waiting ones; waits up to the shutdown grace for attempts in flight, then
   * dead-letters whatever is left. Idempotent.
   */
  @Override
  public void close() {
    List<WebhookMessage> waiting = new ArrayList<>();
    synchronized (lock) {
      if (closed) {
        return;
      }
      closed = true;
      for (WebhookMessage message : pending) {
        if (!message.inFlight) {
          waiting.add(message);
        }
      }
      ready.clear();
    }
    waiting.forEach(message -> deadLetter(message, DeadLetter.SHUTDOWN));
    long deadline = System.nanoTime() + shutdownGrace.toNanos();
    List<WebhookMessage> left;
    synchronized (lock) {
      long remaining;
      while (inFlight > 0 && (remaining = deadline - System.nanoTime()) > 0) {
        try {
          TimeUnit.NANOSECONDS.timedWait(lock, remaining);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          break;
        }
      }
      left = new ArrayList<>(pending);
    }
    for (WebhookMessage message : left) {
      if (message.lastError == null) {
        message.lastError = "still in flight when the shutdown grace of " + shutdownGrace.toMillis() + " ms ended";
      }
      deadLetter(message, DeadLetter.SHUTDOWN);
    }
    if (ownsScheduler) {
      // Not shutdownNow: an interrupt would abort a dead-letter write in progress. Delayed retries are dropped
      // (their messages are dead-lettered above); bookkeeping already queued still runs.
      scheduler.shutdown();
    }
  }

  private boolean finish(WebhookMessage message) {
    synchronized (lock) {
      return pending.remove(message);
    }
  }

  private void deadLetter(WebhookMessage message, String reason) {
    if (finish(message)) {
      writeDeadLetter(message, reason, message.lastError != null ? message.lastError : reason);
    }
  }

  private void writeDeadLetter(WebhookMessage message, String reason, String lastError) {
    deadLettered.increment();
    DeadLetter letter = new DeadLetter(clock.instant(), message.target, message.kind, message.id, message.attempts,
        reason, lastError, message.body);
    log.warn("webhook message {} ({}) to {} dead-lettered ({}) after {} attempt(s); last error: {}", message.id,
        message.kind, message.target, reason, message.attempts, lastError);
    try {
      deadLetters.append(letter);
    } catch (IOException | RuntimeException e) {
      // Last resort: the message must not vanish, so it goes to the log in full.
      log.error("could not append to the dead-letter file {} ({}); the message was: {}", deadLetters.path(), e,
          new String(DeadLetterFile.toLine(letter), StandardCharsets.UTF_8).strip());
    }
  }

  private void execute(Runnable task) {
    try {
      scheduler.execute(task);
    } catch (RejectedExecutionException e) {
      // The scheduler is gone (closed by its owner): run here so the outcome is still recorded.
      task.run();
    }
  }

  private static Duration retryAfter(HttpResponse<?> response) {
    return response.headers().firstValue("Retry-After").map(value -> {
      try {
        long seconds = Long.parseLong(value.trim());
        return seconds > 0 ? Duration.ofSeconds(seconds) : null;
      } catch (NumberFormatException e) {
        return null; // an HTTP date: our own backoff is good enough
      }
    }).orElse(null);
  }

  private static String describe(Throwable error) {
    Throwable cause = error;
    while ((cause instanceof CompletionException || cause instanceof ExecutionException) && cause.getCause() != null) {
      cause = cause.getCause();
    }
    StringBuilder text = new StringBuilder(cause.getClass().getSimpleName());
    String message = cause.getMessage();
    if (message == null && cause.getCause() != null) {
      message = cause.getCause().getClass().getSimpleName()
          + (cause.getCause().getMessage() == null ? "" : ": " + cause.getCause().getMessage());
    }
    if (message != null) {
      text.append(": ").append(message);
    }
    return text.toString();
  }

  /** Options of a {@link WebhookSender}; only {@link #deadLetterFile} is required. */
  public static final class Builder {
    private HttpClient httpClient;
    private Duration connectTimeout = Duration.ofSeconds(10);
    private Duration requestTimeout = Duration.ofSeconds(30);
    private ScheduledExecutorService scheduler;
    private Clock clock = Clock.systemUTC();
    private RandomUuids ids;
    private int maxAttempts = 8;
    private Duration firstBackoff = Duration.ofSeconds(1);
    private Duration maxBackoff = Duration.ofMinutes(5);
    private int queueCapacity = 10_000;
    private int maxConcurrentRequests = 4;
    private Duration shutdownGrace = Duration.ofSeconds(10);
    private Path deadLetterFile;

    private Builder() {}

    /** The client to use (its connect timeout applies); default: a new one with {@link #connectTimeout}. */
    public Builder httpClient(HttpClient httpClient) {
      this.httpClient = Objects.requireNonNull(httpClient, "httpClient");
      return this;
    }

    /** Default 10 s; ignored when an {@link #httpClient} is given. */
    public Builder connectTimeout(Duration connectTimeout) {
      this.connectTimeout = positive(connectTimeout, "connectTimeout");
      return this;
    }

    /** Time for a whole attempt until the response headers arrive; default 30 s. A timeout is retried. */
    public Builder requestTimeout(Duration requestTimeout) {
      this.requestTimeout = positive(requestTimeout, "requestTimeout");
      return this;
    }

    /**
     * Runs bookkeeping and delays retries; default: an own single daemon thread, stopped by {@link #close()}. A given
     * scheduler is not shut down by the sender.
     */
    public Builder scheduler(ScheduledExecutorService scheduler) {
      this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
      return this;
    }

    /** Stamps dead letters; default system UTC. */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /** Message ids; default from a {@link SecureRandom}. */
    public Builder ids(RandomUuids ids) {
      this.ids = Objects.requireNonNull(ids, "ids");
      return this;
    }

    /** Attempts per message including the first; default 8. */
    public Builder maxAttempts(int maxAttempts) {
      if (maxAttempts < 1) {
        throw new IllegalArgumentException("maxAttempts must be at least 1, not " + maxAttempts);
      }
      this.maxAttempts = maxAttempts;
      return this;
    }

    /** Wait after the first failed attempt, doubled after each further one; default 1 s. */
    public Builder firstBackoff(Duration firstBackoff) {
      this.firstBackoff = positive(firstBackoff, "firstBackoff");
      return this;
    }

    /** Upper limit of the wait between attempts; default 5 min. */
    public Builder maxBackoff(Duration maxBackoff) {
      this.maxBackoff = positive(maxBackoff, "maxBackoff");
      return this;
    }

    /** Messages held at once (waiting, between retries or in flight); default 10,000. */
    public Builder queueCapacity(int queueCapacity) {
      if (queueCapacity < 1) {
        throw new IllegalArgumentException("queueCapacity must be at least 1, not " + queueCapacity);
      }
      this.queueCapacity = queueCapacity;
      return this;
    }

    /** Requests in flight at once, over all targets; default 4. */
    public Builder maxConcurrentRequests(int maxConcurrentRequests) {
      if (maxConcurrentRequests < 1) {
        throw new IllegalArgumentException("maxConcurrentRequests must be at least 1, not " + maxConcurrentRequests);
      }
      this.maxConcurrentRequests = maxConcurrentRequests;
      return this;
    }

    /** How long {@link WebhookSender#close()} lets attempts in flight finish; default 10 s. */
    public Builder shutdownGrace(Duration shutdownGrace) {
      if (shutdownGrace == null || shutdownGrace.isNegative()) {
        throw new IllegalArgumentException("shutdownGrace must be zero or more, not " + shutdownGrace);
      }
      this.shutdownGrace = shutdownGrace;
      return this;
    }

    /** Where undeliverable messages are appended as JSON lines (created with its directories when needed). */
    public Builder deadLetterFile(Path deadLetterFile) {
      this.deadLetterFile = Objects.requireNonNull(deadLetterFile, "deadLetterFile");
      return this;
    }

    public WebhookSender build() {
      if (deadLetterFile == null) {
        throw new IllegalStateException("a WebhookSender needs a deadLetterFile: undeliverable messages are kept"
            + " there instead of being dropped");
      }
      if (maxBackoff.compareTo(firstBackoff) < 0) {
        throw new IllegalStateException("maxBackoff (" + maxBackoff + ") is shorter than firstBackoff ("
            + firstBackoff + ")");
      }
      return new WebhookSender(this);
    }

    private static Duration positive(Duration duration, String name) {
      if (duration == null || duration.isNegative() || duration.isZero()) {
        throw new IllegalArgumentException(name + " must be positive, not " + duration);
      }
      return duration;
    }
  }
}
