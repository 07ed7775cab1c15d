package io.orgtrail.bench.scale;

import com.google.protobuf.ByteString;
import com.google.protobuf.UnsafeByteOperations;
import io.grpc.Status;
import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientResponseObserver;
import io.orgtrail.format.batch.BatchSigner;
import io.orgtrail.proto.v1.Ack;
import io.orgtrail.proto.v1.Batch;
import io.orgtrail.proto.v1.IngestGrpc;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.function.LongSupplier;

/**
 * One simulated agent: its own {@code Ingest/Stream} call, sending signed batches of its account's records with
 * sequence numbers from 1, at most {@link StreamPlan#window()} of them unacknowledged, and counting what comes back.
 * Unlike the real agent it has no spool and never resends: a stream that fails stays failed (and the run reports
 * it), because the scale run measures the aggregator, not recovery.
 *
 * <p>All state is guarded by this object's lock; batches are built and sent under it, so that the stream's sends
 * are in sequence order and never concurrent (gRPC's request observer is not thread-safe).
 */
final class SimulatedStream {
  private static final DateTimeFormatter EVENT_TIME = DateTimeFormatter.ISO_INSTANT;

  private record Sent(long sealNanos, int events, long bytes) {}

  private record Sealed(long sealNanos, int events) {}

  private final Identity identity;
  private final byte[] account;
  private final BatchSigner signer;
  private final EventTemplates templates;
  private final EventIds ids;
  private final StreamPlan plan;
  private final Clock clock;
  private final LongSupplier nanos;

  private ClientCallStreamObserver<Batch> requests;
  private long startNanos;
  private long firstAckNanos = -1;
  /** At a fixed rate: when the rate started (the first acknowledgement), and the events made before. */
  private long rateStartNanos = -1;
  private long madeBeforeRate;
  private long nextSequence = 1;
  private int templateCursor;
  private final TreeMap<Long, Sent> inFlight = new TreeMap<>();
  private final ArrayDeque<Sealed> backlog = new ArrayDeque<>();
  private long backlogEvents;
  private long madeEvents;
  private long sentBatches;
  private long sentEvents;
  private long ackedBatches;
  private long ackedEvents;
  private long ackedBytes;
  private long rejectedBatches;
  private long rejectedEvents;
  private long unexpectedAcks;
  private final List<Long> rejectedSequences = new ArrayList<>();
  private boolean measuring;
  private long windowStartEvents;
  private long windowStartBytes;
  private long windowAckedEvents;
  private long windowAckedBytes;
  private long backlogAtWindowEnd;
  private final LongList windowLatencies = new LongList();
  private boolean stopping;
  private boolean halfClosed;
  private boolean failed;
  private String problem;

  SimulatedStream(Identity identity, BatchSigner signer, EventTemplates templates, EventIds ids, StreamPlan plan,
      Clock clock, LongSupplier nanos) {
    if (!identity.agentId().equals(signer.agentId())) {
      throw new IllegalArgumentException("the signer is agent " + signer.agentId() + "'s, not " + identity.agentId());
    }
    this.identity = identity;
    this.account = identity.accountId().getBytes(StandardCharsets.US_ASCII);
    this.signer = signer;
    this.templates = templates;
    this.ids = ids;
    this.plan = plan;
    this.clock = clock;
    this.nanos = nanos;
    // Streams start at different records, so that simultaneous batches are not copies of each other.
    this.templateCursor = identity.stream() * 131;
  }

  Identity identity() {
    return identity;
  }

  /** Opens the call; a saturated stream fills its window at once. */
  void open(IngestGrpc.IngestStub stub) {
    synchronized (this) {
      startNanos = nanos.getAsLong();
    }
    // beforeStart runs inside this call, so the request observer is set when it returns.
    stub.stream(new Responses());
    synchronized (this) {
      pump();
    }
  }

  /**
   * At a fixed rate: seals the events due into batches, and sends what the window allows. Until its first
   * acknowledgement a stream sends one tick's worth and waits (an agent that just started has no backlog, and the
   * aggregator's own start-up is not load); its rate runs from that acknowledgement on.
   */
  synchronized void tick() {
    if (stopping || failed || plan.saturated() || requests == null) {
      return;
    }
    long now = nanos.getAsLong();
    if (firstAckNanos < 0) {
      if (madeEvents == 0) {
        seal(now, (int) Math.max(1, Math.min(plan.batchSize(),
            Math.round(plan.eventsPerSecond() * plan.tick().toNanos() / 1e9))));
      }
    } else {
      if (rateStartNanos < 0) {
        rateStartNanos = firstAckNanos;
        madeBeforeRate = madeEvents;
      }
      seal(now, (long) Math.floor(plan.eventsPerSecond() * (now - rateStartNanos) / 1e9)
          - (madeEvents - madeBeforeRate));
    }
    pump();
  }

  /** Seals {@code due} events made now into batches of at most the batch size, at the end of the backlog. */
  private void seal(long now, long due) {
    while (due > 0) {
      int n = (int) Math.min(due, plan.batchSize());
      backlog.add(new Sealed(now, n));
      backlogEvents += n;
      madeEvents += n;
      due -= n;
    }
  }

  synchronized void markWindowStart() {
    measuring = true;
    windowStartEvents = ackedEvents;
    windowStartBytes = ackedBytes;
  }

  synchronized void markWindowEnd() {
    measuring = false;
    windowAckedEvents = ackedEvents - windowStartEvents;
    windowAckedBytes = ackedBytes - windowStartBytes;
    backlogAtWindowEnd = backlogEvents;
  }

  /**
   * Makes no more events and drops the backlog (never sent, so nothing to check, and an aggregator that fell behind
   * would take long to work through it); the call is half-closed once every sent batch is answered.
   */
  synchronized void stop() {
    stopping = true;
    backlog.clear();
    backlogEvents = 0;
    pump();
  }

  /** Stopped, and every batch sent was answered; or the stream failed. */
  synchronized boolean drained() {
    return failed || (stopping && inFlight.isEmpty());
  }

  synchronized boolean failed() {
    return failed;
  }

  synchronized boolean opened() {
    return requests != null && !failed;
  }

  synchronized long ackedEvents() {
    return ackedEvents;
  }

  synchronized boolean hadAck() {
    return firstAckNanos >= 0;
  }

  synchronized int inFlightBatches() {
    return inFlight.size();
  }

  synchronized long backlogEvents() {
    return backlogEvents;
  }

  synchronized long rejectedBatches() {
    return rejectedBatches;
  }

  /** Appends the latencies of the batches acknowledged during the window to {@code into}. */
  synchronized void windowLatencies(LongList into) {
    for (long l : windowLatencies.toArray()) {
      into.add(l);
    }
  }

  synchronized StreamResult result() {
    return new StreamResult(identity.stream(), identity.agentId(), identity.accountId(), sentBatches, sentEvents,
        ackedBatches, ackedEvents, ackedBytes, windowAckedEvents, windowAckedBytes,
        firstAckNanos < 0 ? -1 : (firstAckNanos - startNanos) / 1_000_000, backlogAtWindowEnd, rejectedBatches,
        rejectedEvents, unexpectedAcks, List.copyOf(inFlight.keySet()), rejectedSequences, failed, problem);
  }

  // --- with the lock held

  private void pump() {
    while (!failed && requests != null && inFlight.size() < plan.window()) {
      long sealNanos;
      int events;
      if (!backlog.isEmpty()) {
        Sealed s = backlog.poll();
        backlogEvents -= s.events();
        sealNanos = s.sealNanos();
        events = s.events();
      } else if (plan.saturated() && !stopping) {
        sealNanos = nanos.getAsLong();
        events = plan.batchSize();
        madeEvents += events;
      } else {
        break;
      }
      send(sealNanos, events);
    }
    if (stopping && !failed && !halfClosed && requests != null && inFlight.isEmpty() && backlog.isEmpty()) {
      halfClosed = true;
      requests.onCompleted();
    }
  }

  private void send(long sealNanos, int events) {
    long sequence = nextSequence++;
    String eventTime = EVENT_TIME.format(Instant.ofEpochMilli(clock.millis()).truncatedTo(ChronoUnit.SECONDS));
    List<byte[]> records = new ArrayList<>(events);
    List<String> regions = identity.regions();
    long bytes = 0;
    for (int i = 0; i < events; i++) {
      String region = regions.get((int) ((sequence + i) % regions.size()));
      byte[] record = templates.record(templateCursor++, ids.of(identity.stream(), sequence, i), eventTime, region,
          account);
      records.add(record);
      bytes += record.length;
    }
    Batch.Builder batch = Batch.newBuilder().setAgentId(identity.agentId()).setSequence(sequence);
    for (byte[] r : records) {
      batch.addEvents(UnsafeByteOperations.unsafeWrap(r));
    }
    batch.setSignature(ByteString.copyFrom(signer.sign(sequence, records)));
    try {
      requests.onNext(batch.build());
    } catch (RuntimeException e) {
      fail("could not send batch " + sequence + ": " + e);
      return;
    }
    inFlight.put(sequence, new Sent(sealNanos, events, bytes));
    sentBatches++;
    sentEvents += events;
  }

  private void fail(String why) {
    failed = true;
    if (problem == null) {
      problem = why;
    }
  }

  private synchronized void onAck(Ack ack) {
    long now = nanos.getAsLong();
    Sent sent = ack.getAgentId().equals(identity.agentId()) ? inFlight.remove(ack.getSequence()) : null;
    if (sent == null) {
      unexpectedAcks++;
      noteProblem("an acknowledgement (" + ack.getStatus() + ") for batch " + ack.getSequence() + " of agent "
          + ack.getAgentId() + ", which is not in flight on this stream");
      return;
    }
    switch (ack.getStatus()) {
      case DURABLE -> {
        int refused = ack.getRejectedEventsCount();
        ackedBatches++;
        ackedEvents += sent.events() - refused;
        long bytes = refused == 0 ? sent.bytes() : sent.bytes() * (sent.events() - refused) / sent.events();
        ackedBytes += bytes;
        rejectedEvents += refused;
        if (refused > 0) {
          noteProblem("batch " + ack.getSequence() + ": " + refused + " events refused, the first: "
              + ack.getRejectedEvents(0).getProblem() + " " + ack.getRejectedEvents(0).getMessage());
        }
        if (firstAckNanos < 0) {
          firstAckNanos = now;
        }
        if (measuring) {
          windowLatencies.add((now - sent.sealNanos()) / 1_000_000);
        }
      }
      case REJECTED -> {
        rejectedBatches++;
        rejectedSequences.add(ack.getSequence());
        noteProblem("batch " + ack.getSequence() + " REJECTED (" + ack.getRejection() + "): " + ack.getReason());
      }
      default -> {
        // DUPLICATE: this run never sends a batch twice, so the aggregator took a new batch for an old one.
        unexpectedAcks++;
        noteProblem("batch " + ack.getSequence() + " answered " + ack.getStatus() + ": " + ack.getReason());
      }
    }
    pump();
  }

  private void noteProblem(String what) {
    if (problem == null) {
      problem = what;
    }
  }

  private synchronized void onEnd(String why) {
    if (!(halfClosed && inFlight.isEmpty())) {
      fail(why);
    }
  }

  /** The call's responses; gRPC calls these one at a time for the call. */
  private final class Responses implements ClientResponseObserver<Batch, Ack> {
    @Override
    public void beforeStart(ClientCallStreamObserver<Batch> requestStream) {
      synchronized (SimulatedStream.this) {
        requests = requestStream;
      }
    }

    @Override
    public void onNext(Ack ack) {
      onAck(ack);
    }

    @Override
    public void onError(Throwable t) {
      Status status = Status.fromThrowable(t);
      onEnd("the stream failed: " + status.getCode() + (status.getDescription() == null ? ""
          : ": " + status.getDescription()));
    }

    @Override
    public void onCompleted() {
      onEnd("the aggregator ended the stream before every batch was answered");
    }
  }
}
