package io.orgtrail.agent.selectors;

import io.grpc.Channel;
import io.grpc.Status;
import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientResponseObserver;
import io.orgtrail.agent.ship.Backoff;
import io.orgtrail.proto.v1.IngestGrpc;
import io.orgtrail.proto.v1.SelectorsRequest;
import io.orgtrail.proto.v1.SelectorsUpdate;
import io.orgtrail.selectors.InvalidEventSelectorsException;
import io.orgtrail.selectors.TrailSelectors;
import io.orgtrail.selectors.filter.EventFilter;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps an {@code Ingest/Selectors} call open to the aggregator and applies every update it sends: parsed,
 * compiled, saved to the {@link SelectorsFile} and swapped into {@link AppliedSelectors} (intake uses it from the
 * next record on). An update that does not parse or validate is logged at WARN and ignored: the selectors
 * applied before stay. When the call ends or fails it is opened again after a {@link Backoff} wait; an aggregator
 * that does not know the call (UNIMPLEMENTED: an older version) is asked again only every
 * {@code unimplementedRetry}, keeping what is applied, since it filters what arrives itself.
 */
public final class SelectorsSubscription implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(SelectorsSubscription.class);
  /** How often an aggregator without the Selectors call is asked again. */
  public static final Duration DEFAULT_UNIMPLEMENTED_RETRY = Duration.ofMinutes(5);

  private final IngestGrpc.IngestStub stub;
  private final String agentId;
  private final String target;
  private final AppliedSelectors applied;
  private final SelectorsFile file;
  private final ScheduledExecutorService scheduler;
  private final Backoff backoff;
  private final Duration unimplementedRetry;
  private final Clock clock;

  // All guarded by this.
  private Call current;
  private boolean started;
  private boolean closed;
  private boolean retryScheduled;
  private boolean unimplementedLogged;
  private boolean failureLogged;
  private long updatesApplied;
  private long updatesIgnored;
  private String lastMismatchLogged;

  /**
   * @param channel the agent's channel to the aggregator (shared with the shipper; not shut down here)
   * @param agentId the agent asking, as the aggregator knows it
   * @param target the aggregator's address, for messages
   * @param applied where updates are applied
   * @param file where updates are saved
   * @param scheduler runs the waits before opening the call again
   * @param backoff the waits after the call ended or failed
   * @param unimplementedRetry the wait when the aggregator answered UNIMPLEMENTED
   * @param clock tells a call that worked for a while (the backoff starts over) from one that keeps failing
   */
  public SelectorsSubscription(
      Channel channel,
      String agentId,
      String target,
      AppliedSelectors applied,
      SelectorsFile file,
      ScheduledExecutorService scheduler,
      Backoff backoff,
      Duration unimplementedRetry,
      Clock clock) {
    this.stub = IngestGrpc.newStub(channel);
    this.agentId = agentId;
    this.target = target;
    this.applied = applied;
    this.file = file;
    this.scheduler = scheduler;
    this.backoff = backoff;
    this.unimplementedRetry = unimplementedRetry;
    this.clock = clock;
  }

  /** Opens the call (the connection is made in the background; failures lead to new attempts). */
  public synchronized void start() {
    if (started) {
      throw new IllegalStateException("the subscription was started already");
    }
    started = true;
    open();
  }

  /** Updates applied since the start (an update naming the selectors applied already is not counted). */
  public synchronized long updatesApplied() {
    return updatesApplied;
  }

  /** Updates that did not parse or validate and were ignored. */
  public synchronized long updatesIgnored() {
    return updatesIgnored;
  }

  /** Whether a call is open (it may still be connecting). */
  public synchronized boolean subscribed() {
    return current != null;
  }

  /** Cancels the call; no new one is opened. */
  @Override
  public void close() {
    Call c;
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
      c = current;
      current = null;
    }
    if (c != null && c.requests != null) {
      c.requests.cancel("the agent is stopping", null);
    }
  }

  // --- with the lock held

  private void open() {
    retryScheduled = false;
    if (closed) {
      return;
    }
    Call c = new Call(clock.millis());
    current = c;
    stub.selectors(SelectorsRequest.newBuilder().setAgentId(agentId).build(), c);
  }

  private void scheduleRetry(Duration wait) {
    if (closed || retryScheduled) {
      return;
    }
    retryScheduled = true;
    try {
      scheduler.schedule(() -> {
        synchronized (this) {
          open();
        }
      }, wait.toNanos(), TimeUnit.NANOSECONDS);
    } catch (RejectedExecutionException stopping) {
      retryScheduled = false;
    }
  }

  // --- callbacks, on gRPC's executor; one call's callbacks never overlap

  private void onUpdate(Call c, SelectorsUpdate update) {
    synchronized (this) {
      if (c != current) {
        return;
      }
      failureLogged = false;
    }
    EventFilter next;
    try {
      next = EventFilter.compile(TrailSelectors.parse(update.getSelectorsJson()));
    } catch (InvalidEventSelectorsException | RuntimeException e) {
      synchronized (this) {
        updatesIgnored++;
      }
      log.warn("ignoring event selectors from aggregator {} (fingerprint {}): {}; still applying {}", target,
          AppliedSelectors.describe(emptyToNull(update.getFingerprint())), e.getMessage(), applied.describe());
      return;
    }
    String sent = update.getFingerprint();
    if (!sent.isEmpty() && !sent.equalsIgnoreCase(next.fingerprint())) {
      synchronized (this) {
        if (!sent.equals(lastMismatchLogged)) {
          lastMismatchLogged = sent;
          log.warn("aggregator {} names its event selectors {} but they read as {} here (different orgtrail "
              + "versions?); applying them, the agent's stats name them {}", target, sent, next.fingerprint(),
              AppliedSelectors.describe(next.fingerprint()));
        }
      }
    }
    if (next.fingerprint().equals(applied.fingerprint())) {
      log.debug("aggregator {} confirms the event selectors {}", target, applied.describe());
      return;
    }
    // Saved first, so that selectors seen applied are also the ones a restart applies (unless saving failed).
    try {
      file.save(next.selectors());
    } catch (IOException | RuntimeException e) {
      log.warn("cannot save the event selectors to {} ({}); they apply until the agent stops, and after a restart "
          + "the previously saved ones apply until the aggregator sends them again", file.path(), e.toString());
    }
    synchronized (this) {
      if (c != current) {
        return; // closed meanwhile
      }
      applied.apply(next);
      updatesApplied++;
    }
    log.info("applying event selectors {} from aggregator {}: {}", AppliedSelectors.describe(next.fingerprint()),
        target, next.selectors().toJson());
  }

  private synchronized void onEnded(Call c, Status status) {
    if (c != current) {
      return;
    }
    current = null;
    if (closed) {
      return;
    }
    if (status.getCode() == Status.Code.UNIMPLEMENTED) {
      if (!unimplementedLogged) {
        unimplementedLogged = true;
        log.info("aggregator {} does not send event selectors (an older version); applying {} and asking again "
            + "every {} s (the aggregator filters what arrives)", target, applied.describe(),
            unimplementedRetry.toSeconds());
      }
      scheduleRetry(unimplementedRetry);
      return;
    }
    String problem = status.isOk()
        ? "aggregator " + target + " ended the event selectors call"
        : "event selectors call to aggregator " + target + " failed: " + status.getCode()
            + (status.getDescription() == null ? "" : ": " + status.getDescription());
    // Connection trouble shows in the shipper's log and stats already: only say more for other failures.
    boolean connection = status.getCode() == Status.Code.UNAVAILABLE || status.getCode() == Status.Code.CANCELLED
        || status.getCode() == Status.Code.DEADLINE_EXCEEDED || status.isOk();
    if (!connection && !failureLogged) {
      failureLogged = true;
      log.warn("{}; applying {} and asking again with backoff", problem, applied.describe());
    } else {
      log.debug("{}; asking again with backoff", problem);
    }
    if (clock.millis() - c.openedAtMillis > backoff.max().toMillis()) {
      backoff.reset();
    }
    scheduleRetry(backoff.next());
  }

  private static String emptyToNull(String s) {
    return s == null || s.isEmpty() ? null : s;
  }

  /** One attempt at the call. */
  private final class Call implements ClientResponseObserver<SelectorsRequest, SelectorsUpdate> {
    final long openedAtMillis;
    volatile ClientCallStreamObserver<SelectorsRequest> requests;

    Call(long openedAtMillis) {
      this.openedAtMillis = openedAtMillis;
    }

    @Override
    public void beforeStart(ClientCallStreamObserver<SelectorsRequest> requestStream) {
      this.requests = requestStream;
    }

    @Override
    public void onNext(SelectorsUpdate update) {
      onUpdate(this, update);
    }

    @Override
    public void onError(Throwable t) {
      onEnded(this, Status.fromThrowable(t));
    }

    @Override
    public void onCompleted() {
      onEnded(this, Status.OK);
    }
  }
}
