package io.orgtrail.agent.ship;

import io.grpc.ConnectivityState;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientResponseObserver;
import io.orgtrail.agent.batch.SealedBatch;
import io.orgtrail.agent.spool.CorruptSpoolRecordException;
import io.orgtrail.proto.v1.Ack;
import io.orgtrail.proto.v1.Batch;
import io.orgtrail.proto.v1.BatchRejection;
import io.orgtrail.proto.v1.ChainHead;
import io.orgtrail.proto.v1.EventRejection;
import io.orgtrail.proto.v1.IngestGrpc;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Streams sealed batches to the aggregator over one bidirectional {@code Ingest/Stream} call and keeps each batch
 * until its Ack. Batches go out in sequence order, as fast as gRPC flow control lets them.
 *
 * <p>Every batch it is given is in the spool already, so the shipper keeps a batch's content in memory only until
 * the batch is first sent, and only up to {@code maxCachedBytes} of it: anything else (resends, batches found in
 * the spool after a restart, a backlog while the aggregator is away) is read back from the spool when its turn
 * comes. A batch whose spool record no longer reads back (damaged disk) is logged, counted and dropped, since
 * holding it would stop every later batch.
 *
 * <p>When the stream fails or the aggregator closes it, the shipper opens a new one after a {@link Backoff} wait and
 * resends every unacknowledged batch in sequence order; the aggregator recognises what it already made durable by
 * (agent, sequence) and answers DUPLICATE. A REJECTED UNKNOWN_AGENT ack is treated the same way (the enrollment
 * may not have reached the aggregator yet); any other rejection is final and the batch is dropped.
 */
public final class Shipper implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Shipper.class);
  private static final int PROBLEMS_PER_LOG_LINE = 3;

  private final ManagedChannel channel;
  private final IngestGrpc.IngestStub stub;
  private final String target;
  private final ScheduledExecutorService scheduler;
  private final Backoff backoff;
  private final Clock clock;
  private final ShipmentListener listener;
  private final LastError lastError;
  private final BatchReader reader;
  private final String agentId;
  private final long maxCachedBytes;

  // All guarded by this.
  private final TreeMap<Long, Pending> pending = new TreeMap<>();
  private long pendingEvents;
  private Stream current;
  private boolean reconnectScheduled;
  private boolean closed;
  private boolean failing;
  private int failedAttempts;
  private long batchesSent;
  private long resends;
  private long eventsAcknowledged;
  private long eventsRejected;
  private long eventsFilteredByAggregator;
  private long batchesRejected;
  private long batchesUnreadable;
  private long cachedBytes;
  private boolean readFailing;

  /** Where the signed digest chain heads that acknowledgements carry go (kept as witnesses). */
  private final Consumer<List<ChainHead>> chainHeads;

  /**
   * @param channel a channel to the aggregator; the shipper shuts it down on {@link #close()}
   * @param agentId the agent whose batches these are (acks for others are ignored)
   * @param target the aggregator's address, for messages
   * @param scheduler runs reconnect attempts
   * @param listener told once per batch when the shipper is done with it
   * @param chainHeads where the digest chain heads acknowledgements carry go
   * @param lastError where problems with the aggregator are noted for the agent's stats
   * @param reader reads batches back from the spool
   * @param maxCachedBytes record bytes of unsent batches kept in memory; more is read back from the spool
   */
  public Shipper(
      ManagedChannel channel,
      String agentId,
      String target,
      ScheduledExecutorService scheduler,
      Backoff backoff,
      Clock clock,
      ShipmentListener listener,
      Consumer<List<ChainHead>> chainHeads,
      LastError lastError,
      BatchReader reader,
      long maxCachedBytes) {
    this.agentId = agentId;
    this.reader = reader;
    this.maxCachedBytes = maxCachedBytes;
    this.chainHeads = chainHeads;
    this.channel = channel;
    this.stub = IngestGrpc.newStub(channel);
    this.target = target;
    this.scheduler = scheduler;
    this.backoff = backoff;
    this.clock = clock;
    this.listener = listener;
    this.lastError = lastError;
  }

  /** Opens the stream (the connection is made in the background; failures lead to reconnect attempts). */
  public synchronized void start() {
    openStream();
  }

  /** Takes a batch to send; batches must arrive in sequence order. */
  public synchronized void ship(SealedBatch batch) {
    Pending p = new Pending(batch.withoutMessage());
    if (batch.message() != null && cachedBytes + batch.bytes() <= maxCachedBytes) {
      p.message = batch.message();
      cachedBytes += batch.bytes();
    }
    pending.put(batch.sequence(), p);
    pendingEvents += batch.events();
    if (current != null) {
      drain(current);
    }
  }

  /** Waits until every batch handed over so far was acknowledged or dropped; false on timeout. */
  public synchronized boolean awaitSettled(Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!pending.isEmpty()) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        return false;
      }
      TimeUnit.NANOSECONDS.timedWait(this, left);
    }
    return true;
  }

  public synchronized ShipperStats stats() {
    boolean connected = current != null && channel.getState(false) == ConnectivityState.READY;
    return new ShipperStats(
        batchesSent, resends, eventsAcknowledged, eventsRejected, batchesRejected, pending.size(), pendingEvents,
        connected, lastError.get(), batchesUnreadable, eventsFilteredByAggregator);
  }

  /** Ends the stream and shuts the channel down; unacknowledged batches stay in the spool (and are logged). */
  @Override
  public void close() {
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
      if (!pending.isEmpty()) {
        log.warn(
            "stopping with {} batches ({} events) not acknowledged by the aggregator {}; they stay in the spool "
                + "and are sent at the next start",
            pending.size(), pendingEvents, target);
      }
      if (current != null) {
        Stream s = current;
        current = null;
        s.ended = true;
        s.requests.onCompleted();
      }
    }
    channel.shutdown();
    try {
      if (!channel.awaitTermination(2, TimeUnit.SECONDS)) {
        channel.shutdownNow();
        channel.awaitTermination(2, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      channel.shutdownNow();
      Thread.currentThread().interrupt();
    }
  }

  // --- stream handling; every method below runs with the lock held unless it says otherwise

  private void openStream() {
    reconnectScheduled = false;
    if (closed) {
      return;
    }
    // The channel has its own, much slower, connect backoff (up to 2 minutes); ours decides when to try.
    channel.resetConnectBackoff();
    Stream s = new Stream(clock.millis());
    current = s;
    stub.stream(s);
  }

  private void drain(Stream s) {
    if (s != current || s.ended || s.requests == null) {
      return;
    }
    while (s.requests.isReady()) {
      Map.Entry<Long, Pending> next = pending.higherEntry(s.lastSent);
      if (next == null) {
        return;
      }
      Pending p = next.getValue();
      Batch message = p.message;
      if (message == null) {
        try {
          message = reader.read(p.batch);
          readFailing = false;
        } catch (CorruptSpoolRecordException e) {
          dropUnreadable(next.getKey(), p, e);
          s.lastSent = next.getKey();
          continue;
        } catch (IOException e) {
          String problem = "cannot read batch " + next.getKey() + " back from the spool: " + e.getMessage();
          lastError.accept(problem);
          if (!readFailing) {
            log.warn("{}; trying again after a backoff wait", problem);
            readFailing = true;
          }
          abandon(s, "spool read failed");
          return;
        }
      } else {
        p.message = null;
        cachedBytes -= p.batch.bytes();
      }
      s.requests.onNext(message);
      s.lastSent = next.getKey();
      if (p.sends++ == 0) {
        batchesSent++;
      } else {
        resends++;
      }
    }
  }

  private void dropUnreadable(long sequence, Pending p, CorruptSpoolRecordException e) {
    pending.remove(sequence);
    pendingEvents -= p.batch.events();
    batchesUnreadable++;
    String problem = "batch " + sequence + " (" + p.batch.events() + " events) cannot be read back from the spool ("
        + e.getMessage() + "); dropping it: its events are lost";
    lastError.accept(problem);
    log.error("{}", problem);
    notifyAll();
    // Safe under our lock: the listener only reaches the spool and the sources, never back into the shipper.
    listener.settled(p.batch, false);
  }

  private void onAck(Stream s, Ack ack) {
    SealedBatch settled;
    boolean acknowledged;
    synchronized (this) {
      // Acks of an abandoned stream still state facts about our batches, so they count wherever they come from.
      Pending p = pending.get(ack.getSequence());
      if (p == null || !ack.getAgentId().equals(agentId)) {
        log.debug("ignoring an ack for batch {} of {}: not waiting for it", ack.getSequence(), ack.getAgentId());
        return;
      }
      switch (ack.getStatus()) {
        case DURABLE, DUPLICATE -> {
          acknowledged = true;
          int refused = ack.getStatus() == io.orgtrail.proto.v1.AckStatus.DURABLE ? ack.getRejectedEventsCount() : 0;
          eventsAcknowledged += p.batch.events() - refused;
          eventsRejected += refused;
          if (ack.getStatus() == io.orgtrail.proto.v1.AckStatus.DURABLE) {
            // Sent before this agent applied the trail's current selectors: acknowledged, not written.
            eventsFilteredByAggregator += ack.getEventsFiltered();
          }
          if (refused > 0) {
            log.warn("aggregator {} refused {} of {} events of batch {}: {}", target, refused, p.batch.events(),
                ack.getSequence(), describe(ack.getRejectedEventsList()));
          }
          backoff.reset();
          if (failing) {
            log.info("delivering to aggregator {} again after {} failed attempts; resending {} batches",
                target, failedAttempts, pending.size());
            failing = false;
            failedAttempts = 0;
          }
        }
        case REJECTED -> {
          if (ack.getRejection() == BatchRejection.UNKNOWN_AGENT) {
            String problem =
                "aggregator " + target + " does not know this agent yet (UNKNOWN_AGENT): " + ack.getReason();
            lastError.accept(problem);
            if (s == current && !s.ended) {
              if (!failing) {
                log.warn("{}; retrying with backoff (enroll the agent on the aggregator if this persists)", problem);
              } else {
                log.debug("{} (attempt {})", problem, failedAttempts + 1);
              }
              abandon(s, "retrying after UNKNOWN_AGENT");
            }
            return;
          }
          acknowledged = false;
          batchesRejected++;
          eventsRejected += p.batch.events();
          String problem = "aggregator " + target + " rejected batch " + ack.getSequence() + " ("
              + ack.getRejection() + "): " + ack.getReason();
          lastError.accept(problem);
          log.error("{}; dropping its {} events", problem, p.batch.events());
        }
        default -> {
          String problem = "aggregator " + target + " answered batch " + ack.getSequence() + " with status "
              + ack.getStatus() + ", which this agent does not understand";
          lastError.accept(problem);
          if (s == current && !s.ended) {
            log.warn("{}; reconnecting and resending", problem);
            abandon(s, "unknown ack status");
          }
          return;
        }
      }
      pending.remove(ack.getSequence());
      pendingEvents -= p.batch.events();
      if (p.message != null) {
        cachedBytes -= p.batch.bytes();
      }
      settled = p.batch;
      notifyAll();
    }
    listener.settled(settled, acknowledged);
  }

  private synchronized void onStreamEnded(Stream s, String problem) {
    if (s != current) {
      return;
    }
    s.ended = true;
    current = null;
    lastError.accept(problem);
    failedAttempts++;
    if (!failing) {
      log.warn("{}; reconnecting with backoff and resending {} unacknowledged batches", problem, pending.size());
      failing = true;
    } else {
      log.debug("{} (attempt {})", problem, failedAttempts);
    }
    // A stream that worked for a while was a success: start the next wait from the beginning.
    if (clock.millis() - s.openedAtMillis > backoff.max().toMillis()) {
      backoff.reset();
    }
    scheduleReconnect();
  }

  /** Cancels {@code s} and opens a new stream after a backoff wait; unacknowledged batches are resent on it. */
  private void abandon(Stream s, String why) {
    s.ended = true;
    current = null;
    failing = true;
    failedAttempts++;
    s.requests.cancel(why, null);
    scheduleReconnect();
  }

  private void scheduleReconnect() {
    if (closed || reconnectScheduled) {
      return;
    }
    reconnectScheduled = true;
    Duration wait = backoff.next();
    try {
      scheduler.schedule(
          () -> {
            synchronized (this) {
              openStream();
            }
          },
          wait.toNanos(),
          TimeUnit.NANOSECONDS);
    } catch (RejectedExecutionException stopping) {
      reconnectScheduled = false;
    }
  }

  private static String describe(List<EventRejection> rejections) {
    List<String> parts = new ArrayList<>();
    for (int i = 0; i < Math.min(PROBLEMS_PER_LOG_LINE, rejections.size()); i++) {
      EventRejection r = rejections.get(i);
      parts.add("#" + r.getIndex() + " " + r.getProblem() + ": " + r.getMessage());
    }
    String more = rejections.size() > PROBLEMS_PER_LOG_LINE
        ? "; and " + (rejections.size() - PROBLEMS_PER_LOG_LINE) + " more"
        : "";
    return String.join("; ", parts) + more;
  }

  private static final class Pending {
    final SealedBatch batch; // without its message
    Batch message; // until first sent, when it fitted in memory
    int sends;

    Pending(SealedBatch batch) {
      this.batch = batch;
    }
  }

  /** One attempt at the stream. Callbacks arrive on gRPC's executor, never with the shipper's lock held. */
  private final class Stream implements ClientResponseObserver<Batch, Ack> {
    final long openedAtMillis;
    ClientCallStreamObserver<Batch> requests;
    long lastSent; // highest sequence sent on this stream; 0 = none
    boolean ended;

    Stream(long openedAtMillis) {
      this.openedAtMillis = openedAtMillis;
    }

    @Override
    public void beforeStart(ClientCallStreamObserver<Batch> requestStream) {
      this.requests = requestStream;
      requestStream.setOnReadyHandler(() -> {
        synchronized (Shipper.this) {
          drain(this);
        }
      });
    }

    @Override
    public void onNext(Ack ack) {
      if (ack.getChainHeadsCount() > 0) {
        chainHeads.accept(ack.getChainHeadsList());
      }
      onAck(this, ack);
    }

    @Override
    public void onError(Throwable t) {
      Status status = Status.fromThrowable(t);
      String detail = status.getDescription() == null ? "" : ": " + status.getDescription();
      Throwable cause = status.getCause();
      String because = cause == null || cause.getMessage() == null ? "" : " (" + cause.getMessage() + ")";
      onStreamEnded(this, "stream to aggregator " + target + " failed: " + status.getCode() + detail + because);
    }

    @Override
    public void onCompleted() {
      onStreamEnded(this, "aggregator " + target + " ended the stream");
    }
  }
}
