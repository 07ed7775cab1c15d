package io.orgtrail.bench.scale;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.Status;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.StreamObserver;
import io.orgtrail.bench.micro.DatasetsDirectory;
import io.orgtrail.format.batch.BatchSigner;
import io.orgtrail.format.batch.BatchVerifier;
import io.orgtrail.format.batch.Ed25519Keys;
import io.orgtrail.format.record.RecordFields;
import io.orgtrail.format.record.RecordRules;
import io.orgtrail.proto.v1.Ack;
import io.orgtrail.proto.v1.AckStatus;
import io.orgtrail.proto.v1.Batch;
import io.orgtrail.proto.v1.BatchRejection;
import io.orgtrail.proto.v1.EventProblem;
import io.orgtrail.proto.v1.EventRejection;
import io.orgtrail.proto.v1.IngestGrpc;
import io.orgtrail.testkit.Await;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * One simulated stream against a scripted {@code Ingest} service over real gRPC on loopback: the test decides when
 * and how each batch is answered.
 */
class SimulatedStreamTest {
  private static final EventTemplates TEMPLATES = EventTemplates.fromDatasets(DatasetsDirectory.locate());
  private static final Duration WAIT = Duration.ofSeconds(10);

  private final KeyPair keys = Ed25519Keys.generate(new SecureRandom());
  private final Identity identity = new Identity(7, "agt-00112233aabbccdd", "123456789012",
      Ed25519Keys.encode(keys.getPrivate()), List.of("us-east-1", "eu-west-1"));
  private final EventIds ids = new EventIds(0x7e57);
  private final Clock clock = Clock.fixed(Instant.parse("2026-11-21T10:00:00.750Z"), ZoneOffset.UTC);
  private final AtomicLong nanos = new AtomicLong(1_000_000_000L);
  private final Scripted service = new Scripted();
  private Server server;
  private ManagedChannel channel;

  /** Keeps what it receives; answers only when told to. */
  private static final class Scripted extends IngestGrpc.IngestImplBase {
    final List<Batch> received = new ArrayList<>();
    StreamObserver<Ack> responses;
    int answered;
    int mostUnanswered;

    @Override
    public StreamObserver<Batch> stream(StreamObserver<Ack> responseObserver) {
      synchronized (this) {
        responses = responseObserver;
      }
      return new StreamObserver<>() {
        @Override
        public void onNext(Batch batch) {
          synchronized (Scripted.this) {
            received.add(batch);
            mostUnanswered = Math.max(mostUnanswered, received.size() - answered);
          }
        }

        @Override
        public void onError(Throwable t) {}

        @Override
        public void onCompleted() {
          synchronized (Scripted.this) {
            responses.onCompleted();
          }
        }
      };
    }

    synchronized int receivedCount() {
      return received.size();
    }

    synchronized Batch batch(int i) {
      return received.get(i);
    }

    synchronized void answer(Ack ack) {
      answered++;
      responses.onNext(ack);
    }

    synchronized void durable(long sequence, String agentId) {
      answer(Ack.newBuilder().setAgentId(agentId).setSequence(sequence).setStatus(AckStatus.DURABLE).build());
    }
  }

  @BeforeEach
  void start() throws Exception {
    server = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0)).addService(service).build().start();
    channel = NettyChannelBuilder.forAddress("127.0.0.1", server.getPort()).usePlaintext().build();
  }

  @AfterEach
  void stop() throws Exception {
    channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
  }

  private SimulatedStream stream(StreamPlan plan) {
    return new SimulatedStream(identity, new BatchSigner(identity.agentId(), keys.getPrivate()), TEMPLATES, ids, plan,
        clock, nanos::get);
  }

  @Test
  void aSaturatedStreamKeepsItsWindowFullOfSignedBatchesOfItsAccountsRecords() throws Exception {
    SimulatedStream s = stream(new StreamPlan(Double.POSITIVE_INFINITY, 5, Duration.ofSeconds(1), 2));
    s.open(IngestGrpc.newStub(channel));
    Await.until(WAIT, () -> service.receivedCount() == 2, () -> service.receivedCount() + " batches received");

    for (long sequence = 1; sequence <= 4; sequence++) {
      nanos.addAndGet(250_000_000L);
      service.durable(sequence, identity.agentId());
      long expected = sequence + 2;
      Await.until(WAIT, () -> service.receivedCount() == expected, () -> service.receivedCount() + " batches");
    }

    assertThat(service.mostUnanswered).as("never more than the window unanswered").isEqualTo(2);
    RecordRules rules = new RecordRules();
    for (int i = 0; i < 6; i++) {
      Batch b = service.batch(i);
      assertThat(b.getAgentId()).isEqualTo(identity.agentId());
      assertThat(b.getSequence()).isEqualTo(i + 1);
      assertThat(b.getEventsCount()).isEqualTo(5);
      List<byte[]> events = b.getEventsList().stream().map(e -> e.toByteArray()).toList();
      assertThat(BatchVerifier.verify(keys.getPublic(), identity.agentId(), b.getSequence(), events,
          b.getSignature().toByteArray())).as("signature of batch " + b.getSequence()).isTrue();
      for (int e = 0; e < events.size(); e++) {
        RecordFields f = rules.check(events.get(e), identity.accountId());
        assertThat(f.eventTime()).isEqualTo("2026-11-21T10:00:00Z");
        assertThat(f.awsRegion()).isIn(identity.regions());
        assertThat(ids.parse(f.eventId().getBytes(StandardCharsets.US_ASCII), 0))
            .contains(new EventIds.Origin(identity.stream(), b.getSequence(), e));
      }
    }
    StreamResult r = s.result();
    assertThat(r.sentBatches()).isEqualTo(6);
    assertThat(r.sentEvents()).isEqualTo(30);
    assertThat(r.ackedBatches()).isEqualTo(4);
    assertThat(r.ackedEvents()).isEqualTo(20);
    assertThat(r.ackedBytes()).isPositive();
    assertThat(r.unackedSequences()).containsExactly(5L, 6L);
    assertThat(r.firstAckMillis()).isEqualTo(250);
    assertThat(r.failed()).isFalse();
    assertThat(r.problem()).isNull();
  }

  @Test
  void countsOnlyWhatIsAcknowledgedInsideTheWindowAndItsLatencies() throws Exception {
    SimulatedStream s = stream(new StreamPlan(Double.POSITIVE_INFINITY, 3, Duration.ofSeconds(1), 1));
    s.open(IngestGrpc.newStub(channel));
    Await.until(WAIT, () -> service.receivedCount() == 1, () -> "the first batch");
    service.durable(1, identity.agentId());
    Await.until(WAIT, () -> service.receivedCount() == 2, () -> "the second batch");

    s.markWindowStart();
    nanos.addAndGet(1_500_000_000L);
    service.durable(2, identity.agentId());
    Await.until(WAIT, () -> service.receivedCount() == 3, () -> "the third batch");
    nanos.addAndGet(700_000_000L);
    service.durable(3, identity.agentId());
    Await.until(WAIT, () -> service.receivedCount() == 4, () -> "the fourth batch");
    s.markWindowEnd();
    service.durable(4, identity.agentId());
    Await.until(WAIT, () -> service.receivedCount() == 5, () -> "the fifth batch");

    StreamResult r = s.result();
    assertThat(r.windowAckedEvents()).isEqualTo(6);
    assertThat(r.windowAckedBytes()).isPositive().isLessThan(r.ackedBytes());
    assertThat(r.ackedEvents()).isEqualTo(12);
    LongList latencies = new LongList();
    s.windowLatencies(latencies);
    assertThat(latencies.toArray()).as("batch 2 sealed at the first ack, batch 3 at the second").containsExactly(
        1500, 700);
  }

  @Test
  void rejectionsRefusalsAndDuplicatesAreCountedAndTheFirstIsKept() throws Exception {
    SimulatedStream s = stream(new StreamPlan(Double.POSITIVE_INFINITY, 4, Duration.ofSeconds(1), 3));
    s.open(IngestGrpc.newStub(channel));
    Await.until(WAIT, () -> service.receivedCount() == 3, () -> "three batches");

    service.answer(Ack.newBuilder().setAgentId(identity.agentId()).setSequence(1).setStatus(AckStatus.REJECTED)
        .setRejection(BatchRejection.BAD_SIGNATURE).setReason("does not match").build());
    service.answer(Ack.newBuilder().setAgentId(identity.agentId()).setSequence(2).setStatus(AckStatus.DURABLE)
        .addRejectedEvents(EventRejection.newBuilder().setIndex(1).setProblem(EventProblem.WRONG_ACCOUNT)
            .setMessage("not this account")).setEventsWritten(3).build());
    service.answer(Ack.newBuilder().setAgentId(identity.agentId()).setSequence(3).setStatus(AckStatus.DUPLICATE)
        .build());
    service.answer(Ack.newBuilder().setAgentId("agt-ffffffffffffffff").setSequence(4).setStatus(AckStatus.DURABLE)
        .build());
    Await.until(WAIT, () -> s.result().unexpectedAcks() == 2, () -> "the unexpected answers: " + s.result());

    StreamResult r = s.result();
    assertThat(r.rejectedBatches()).isEqualTo(1);
    assertThat(r.rejectedSequences()).containsExactly(1L);
    assertThat(r.ackedEvents()).isEqualTo(3);
    assertThat(r.rejectedEvents()).isEqualTo(1);
    assertThat(r.problem()).contains("batch 1 REJECTED (BAD_SIGNATURE): does not match");
    assertThat(r.failed()).isFalse();
  }

  @Test
  void atAFixedRateEventsDueAreSealedIntoBatchesThatWaitForRoomInTheWindowUntilStopped() throws Exception {
    // 10 events/s in batches of at most 4: a tick every 400 ms.
    SimulatedStream s = stream(new StreamPlan(10, 4, Duration.ofSeconds(1), 2));
    s.open(IngestGrpc.newStub(channel));
    s.tick();
    Await.until(WAIT, () -> service.receivedCount() == 1, () -> "the first batch");
    nanos.addAndGet(5_000_000_000L);
    s.tick();
    assertThat(s.inFlightBatches()).as("before its first acknowledgement: one tick's worth, then it waits")
        .isEqualTo(1);
    assertThat(s.backlogEvents()).isZero();
    assertThat(service.batch(0).getEventsCount()).isEqualTo(4);

    service.durable(1, identity.agentId());
    Await.until(WAIT, () -> s.result().ackedEvents() == 4, () -> "the first acknowledgement");
    nanos.addAndGet(1_000_000_000L);
    s.tick(); // the rate runs from the first acknowledgement: 10 events due, batches of 4, 4 and 2; the window takes 2

    Await.until(WAIT, () -> service.receivedCount() == 3, () -> "two more batches");
    assertThat(s.backlogEvents()).isEqualTo(2);
    s.markWindowEnd();
    assertThat(s.result().backlogEventsAtWindowEnd()).isEqualTo(2);

    s.stop();
    assertThat(s.backlogEvents()).as("the unsent backlog is dropped").isZero();
    nanos.addAndGet(3_000_000_000L);
    s.tick(); // stopped: no more events are made
    assertThat(s.drained()).as("two batches still unanswered").isFalse();
    service.durable(2, identity.agentId());
    service.durable(3, identity.agentId());
    Await.until(WAIT, s::drained, () -> "drained: " + s.result());

    StreamResult r = s.result();
    assertThat(r.sentBatches()).isEqualTo(3);
    assertThat(r.sentEvents()).isEqualTo(12);
    assertThat(r.ackedEvents()).isEqualTo(12);
    assertThat(r.unackedSequences()).isEmpty();
    assertThat(r.failed()).as("half-closed once everything was answered, and ended normally").isFalse();
    assertThat(service.receivedCount()).isEqualTo(3);
  }

  @Test
  void aStreamTheAggregatorFailsStaysFailedWithItsUnansweredBatches() throws Exception {
    SimulatedStream s = stream(new StreamPlan(Double.POSITIVE_INFINITY, 2, Duration.ofSeconds(1), 2));
    s.open(IngestGrpc.newStub(channel));
    Await.until(WAIT, () -> service.receivedCount() == 2, () -> "two batches");

    synchronized (service) {
      service.responses.onError(Status.UNAVAILABLE.withDescription("shutting down").asRuntimeException());
    }
    Await.until(WAIT, s::failed, () -> "the stream to fail");

    StreamResult r = s.result();
    assertThat(r.failed()).isTrue();
    assertThat(r.problem()).isEqualTo("the stream failed: UNAVAILABLE: shutting down");
    assertThat(r.unackedSequences()).containsExactly(1L, 2L);
    assertThat(s.drained()).as("a failed stream has nothing more to wait for").isTrue();
  }
}
