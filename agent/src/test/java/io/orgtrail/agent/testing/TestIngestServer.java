package io.orgtrail.agent.testing;

import io.orgtrail.testkit.Await;

import com.google.protobuf.ByteString;
import io.grpc.Server;
import io.grpc.Status;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.StreamObserver;
import io.orgtrail.format.batch.AgentCredentials;
import io.orgtrail.format.batch.BatchVerifier;
import io.orgtrail.format.record.InvalidRecordException;
import io.orgtrail.format.record.RecordScanner;
import io.orgtrail.proto.v1.Ack;
import io.orgtrail.proto.v1.AckStatus;
import io.orgtrail.proto.v1.Batch;
import io.orgtrail.proto.v1.BatchRejection;
import io.orgtrail.proto.v1.EventProblem;
import io.orgtrail.proto.v1.EventRejection;
import io.orgtrail.proto.v1.IngestGrpc;
import io.orgtrail.proto.v1.SelectorsRequest;
import io.orgtrail.proto.v1.SelectorsUpdate;
import io.orgtrail.selectors.TrailSelectors;
import io.orgtrail.selectors.filter.EventFilter;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.security.PublicKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A stand-in aggregator speaking our gRPC contract over real Netty on loopback. It verifies signatures with the
 * enrolled public key, keeps what it made durable by (agent, sequence) like the real aggregator (a resend is a
 * DUPLICATE), and can be told to misbehave: hold batches without acking, make batches durable but lose the acks,
 * refuse chosen events, drop every stream, or go down and come back on the same port.
 *
 * <p>It serves {@code Ingest/Selectors} like the aggregator: the selectors set with {@link #pushSelectors} go to
 * every open call and to each new one at once (nothing is sent before the first push). It can push a raw update
 * (an invalid one), answer UNIMPLEMENTED like an older aggregator, and filter what arrives by its own selectors,
 * counting the events it drops in {@code Ack.events_filtered}.
 */
public final class TestIngestServer implements AutoCloseable {
  /** What the server does with a verified batch. */
  public enum Mode {
    /** Make it durable and acknowledge it. */
    ACK,
    /** Neither make it durable nor answer (like an aggregator still filling the file). */
    HOLD,
    /** Make it durable but never answer (like a crash between writing and acking). */
    LOSE_ACKS
  }

  private final Map<String, PublicKey> enrolled = new ConcurrentHashMap<>();
  private final Set<StreamObserver<Ack>> streams = ConcurrentHashMap.newKeySet();
  private final Set<StreamObserver<SelectorsUpdate>> selectorCalls = ConcurrentHashMap.newKeySet();
  private final RecordScanner scanner = new RecordScanner();
  // guarded by this
  private final Map<String, TreeMap<Long, List<byte[]>>> durable = new HashMap<>();
  private final List<Batch> received = new ArrayList<>();
  private final List<Held> held = new ArrayList<>();
  private Mode mode = Mode.ACK;
  private Predicate<String> refuseEvent = json -> false;
  private int streamsOpened;
  private SelectorsUpdate selectors; // pushed last; null: none yet
  private boolean selectorsUnimplemented;
  private int selectorCallsOpened;
  private EventFilter arrivalFilter; // null: every event is written

  private Server server;
  private int port;

  private record Held(Batch batch, StreamObserver<Ack> responses) {}

  public synchronized TestIngestServer start() throws IOException {
    server = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", port)).addService(new Service()).build();
    server.start();
    port = server.getPort();
    return this;
  }

  public int port() {
    return port;
  }

  public String target() {
    return "127.0.0.1:" + port;
  }

  public void enroll(AgentCredentials agent) {
    enrolled.put(agent.agentId(), agent.verifyingKey());
  }

  public synchronized void mode(Mode mode) {
    this.mode = mode;
  }

  /** Events whose JSON matches are refused one by one (as WRONG_ACCOUNT) in otherwise DURABLE acks. */
  public synchronized void refuseEvents(Predicate<String> refuse) {
    this.refuseEvent = refuse;
  }

  /** Sends {@code s} on every open Selectors call, and at once on each call opened from now on. */
  public void pushSelectors(TrailSelectors s) {
    SelectorsUpdate update = SelectorsUpdate.newBuilder().setSelectorsJson(s.toJson()).setFingerprint(s.fingerprint())
        .build();
    synchronized (this) {
      selectors = update;
      pushToOpenCalls(update);
    }
  }

  /** Sends an update as given (for example an invalid one) on every open Selectors call only. */
  public synchronized void pushRawSelectors(String json, String fingerprint) {
    pushToOpenCalls(SelectorsUpdate.newBuilder().setSelectorsJson(json).setFingerprint(fingerprint).build());
  }

  // With this server's lock held, so a call opened meanwhile gets every update in order.
  private void pushToOpenCalls(SelectorsUpdate update) {
    for (StreamObserver<SelectorsUpdate> call : selectorCalls) {
      synchronized (call) {
        try {
          call.onNext(update);
        } catch (RuntimeException gone) {
          selectorCalls.remove(call);
        }
      }
    }
  }

  /** Answers Selectors calls with UNIMPLEMENTED, as an aggregator from before event selectors does. */
  public synchronized void selectorsUnimplemented(boolean unimplemented) {
    this.selectorsUnimplemented = unimplemented;
  }

  /** Selectors calls open now. */
  public int openSelectorCalls() {
    return selectorCalls.size();
  }

  /** Selectors calls made so far, answered UNIMPLEMENTED or not. */
  public synchronized int selectorCallsOpened() {
    return selectorCallsOpened;
  }

  /** Writes only the events {@code s} selects from now on; the others are counted in {@code Ack.events_filtered}. */
  public synchronized void filterArrivals(TrailSelectors s) throws Exception {
    this.arrivalFilter = EventFilter.compile(s);
  }

  /** Ends every open stream with UNAVAILABLE, as a dropped connection does. */
  public void dropStreams() {
    for (StreamObserver<Ack> s : streams) {
      synchronized (s) {
        try {
          s.onError(Status.UNAVAILABLE.withDescription("test server drops the stream").asRuntimeException());
        } catch (RuntimeException alreadyClosed) {
          // the stream ended meanwhile
        }
      }
    }
    streams.clear();
  }

  /** Stops listening and cuts every connection. */
  public void stop() throws InterruptedException {
    Server s;
    synchronized (this) {
      s = server;
      server = null;
      held.clear();
    }
    streams.clear();
    selectorCalls.clear();
    s.shutdownNow();
    s.awaitTermination(5, TimeUnit.SECONDS);
  }

  /** Listens again on the same port. */
  public void restart() {
    Await.until(Duration.ofSeconds(10), () -> {
      try {
        start();
        return true;
      } catch (IOException portNotFreeYet) {
        return false;
      }
    }, () -> "port " + port + " free again");
  }

  /** Forgets the batches held so far, as if the aggregator had restarted before writing them. */
  public synchronized void discardHeld() {
    held.clear();
  }

  /** Makes every held batch durable and acknowledges it on the stream it came on. */
  public void releaseHeld() {
    List<Held> release;
    synchronized (this) {
      release = new ArrayList<>(held);
      held.clear();
    }
    for (Held h : release) {
      Ack ack = makeDurable(h.batch);
      send(h.responses, ack);
    }
  }

  @Override
  public void close() {
    Server s;
    synchronized (this) {
      s = server;
    }
    if (s != null) {
      try {
        stop();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  // --- what tests look at

  /** Every batch received, resends included, in arrival order. */
  public synchronized List<Batch> received() {
    return List.copyOf(received);
  }

  public synchronized int streamsOpened() {
    return streamsOpened;
  }

  /** The durable batches of an agent by sequence. */
  public synchronized TreeMap<Long, List<byte[]>> durable(String agentId) {
    return new TreeMap<>(durable.getOrDefault(agentId, new TreeMap<>()));
  }

  /** The eventIDs of every durable event of every agent, once per time it was made durable. */
  public synchronized List<String> durableEventIds() {
    List<String> ids = new ArrayList<>();
    for (TreeMap<Long, List<byte[]>> batches : durable.values()) {
      for (List<byte[]> events : batches.values()) {
        for (byte[] e : events) {
          ids.add(eventId(e));
        }
      }
    }
    return ids;
  }

  public synchronized int durableEventCount() {
    return durable.values().stream().flatMap(m -> m.values().stream()).mapToInt(List::size).sum();
  }

  private String eventId(byte[] event) {
    try {
      return scanner.scan(event).eventId();
    } catch (InvalidRecordException e) {
      throw new AssertionError("a durable event is not a record: " + e.getMessage());
    }
  }

  private Ack process(Batch batch, StreamObserver<Ack> responses) {
    Ack.Builder ack = Ack.newBuilder().setAgentId(batch.getAgentId()).setSequence(batch.getSequence());
    PublicKey key = enrolled.get(batch.getAgentId());
    if (key == null) {
      return ack.setStatus(AckStatus.REJECTED).setRejection(BatchRejection.UNKNOWN_AGENT)
          .setReason("agent " + batch.getAgentId() + " is not enrolled").build();
    }
    List<byte[]> events = batch.getEventsList().stream().map(ByteString::toByteArray).toList();
    if (!BatchVerifier.verify(key, batch.getAgentId(), batch.getSequence(), events, batch.getSignature().toByteArray())) {
      return ack.setStatus(AckStatus.REJECTED).setRejection(BatchRejection.BAD_SIGNATURE)
          .setReason("the signature does not verify with the enrolled key").build();
    }
    synchronized (this) {
      if (mode == Mode.HOLD) {
        held.add(new Held(batch, responses));
        return null;
      }
      Ack result = makeDurable(batch);
      return mode == Mode.LOSE_ACKS ? null : result;
    }
  }

  private synchronized Ack makeDurable(Batch batch) {
    Ack.Builder ack = Ack.newBuilder().setAgentId(batch.getAgentId()).setSequence(batch.getSequence());
    TreeMap<Long, List<byte[]>> mine = durable.computeIfAbsent(batch.getAgentId(), k -> new TreeMap<>());
    if (mine.containsKey(batch.getSequence())) {
      return ack.setStatus(AckStatus.DUPLICATE).setReason("batch " + batch.getSequence() + " is durable already").build();
    }
    List<byte[]> written = new ArrayList<>();
    int filtered = 0;
    for (int i = 0; i < batch.getEventsCount(); i++) {
      String json = batch.getEvents(i).toStringUtf8();
      if (arrivalFilter != null && !arrivalFilter.selects(batch.getEvents(i).toByteArray())) {
        filtered++;
      } else if (refuseEvent.test(json)) {
        ack.addRejectedEvents(EventRejection.newBuilder().setIndex(i).setProblem(EventProblem.WRONG_ACCOUNT)
            .setMessage("refused by the test"));
      } else {
        written.add(batch.getEvents(i).toByteArray());
      }
    }
    mine.put(batch.getSequence(), written);
    return ack.setStatus(AckStatus.DURABLE).setEventsWritten(written.size()).setEventsFiltered(filtered).build();
  }

  private static void send(StreamObserver<Ack> responses, Ack ack) {
    synchronized (responses) {
      try {
        responses.onNext(ack);
      } catch (RuntimeException streamGone) {
        // the agent went away; it resends on its next stream
      }
    }
  }

  private final class Service extends IngestGrpc.IngestImplBase {
    @Override
    public void selectors(SelectorsRequest request, StreamObserver<SelectorsUpdate> responses) {
      synchronized (TestIngestServer.this) {
        selectorCallsOpened++;
        if (selectorsUnimplemented) {
          super.selectors(request, responses); // what the generated base answers: UNIMPLEMENTED
          return;
        }
        if (responses instanceof io.grpc.stub.ServerCallStreamObserver<SelectorsUpdate> call) {
          call.setOnCancelHandler(() -> selectorCalls.remove(responses));
        }
        synchronized (responses) {
          if (selectors != null) {
            responses.onNext(selectors);
          }
        }
        selectorCalls.add(responses);
      }
    }

    @Override
    public StreamObserver<Batch> stream(StreamObserver<Ack> responses) {
      streams.add(responses);
      synchronized (TestIngestServer.this) {
        streamsOpened++;
      }
      return new StreamObserver<>() {
        @Override
        public void onNext(Batch batch) {
          synchronized (TestIngestServer.this) {
            received.add(batch);
          }
          Ack ack = process(batch, responses);
          if (ack != null) {
            send(responses, ack);
          }
        }

        @Override
        public void onError(Throwable t) {
          streams.remove(responses);
        }

        @Override
        public void onCompleted() {
          streams.remove(responses);
          synchronized (responses) {
            try {
              responses.onCompleted();
            } catch (RuntimeException alreadyClosed) {
              // dropped meanwhile
            }
          }
        }
      };
    }
  }
}
