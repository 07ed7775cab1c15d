package io.orgtrail.aggregator.ingest;

import io.grpc.Status;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import io.orgtrail.proto.v1.Ack;
import io.orgtrail.proto.v1.Batch;
import io.orgtrail.proto.v1.IngestGrpc;
import io.orgtrail.proto.v1.SelectorsRequest;
import io.orgtrail.proto.v1.SelectorsUpdate;
import io.orgtrail.aggregator.selectors.TrailSelectorsState;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** {@code orgtrail.v1.Ingest}: one {@link IngestStream} per call. */
final class IngestService extends IngestGrpc.IngestImplBase {
  private final BatchIntake intake;
  private final FlowGate gate;
  private final HeadSource heads;
  private final TrailSelectorsState selectors;
  private final Set<IngestStream> live = ConcurrentHashMap.newKeySet();

  IngestService(BatchIntake intake, FlowGate gate, HeadSource heads, TrailSelectorsState selectors) {
    this.intake = intake;
    this.gate = gate;
    this.heads = heads;
    this.selectors = selectors;
  }

  /**
   * The trail's selectors now and after every change, until the agent ends the call. They are no secret (every
   * agent of the trail applies the same), so the call needs no signature; a batch still proves who sent it.
   */
  @Override
  public void selectors(SelectorsRequest request, StreamObserver<SelectorsUpdate> responseObserver) {
    ServerCallStreamObserver<SelectorsUpdate> call = (ServerCallStreamObserver<SelectorsUpdate>) responseObserver;
    Object lock = new Object();
    Runnable[] stop = new Runnable[1];
    call.setOnCancelHandler(() -> {
      synchronized (lock) {
        if (stop[0] != null) {
          stop[0].run();
        }
      }
    });
    synchronized (lock) {
      stop[0] = selectors.subscribe(s -> {
        synchronized (lock) {
          if (!call.isCancelled()) {
            call.onNext(SelectorsUpdate.newBuilder().setSelectorsJson(s.toJson()).setFingerprint(s.fingerprint())
                .build());
          }
        }
      });
    }
  }

  @Override
  public StreamObserver<Batch> stream(StreamObserver<Ack> responseObserver) {
    IngestStream stream =
        new IngestStream((ServerCallStreamObserver<Ack>) responseObserver, intake, gate, heads, live::remove);
    live.add(stream);
    stream.start();
    return stream;
  }

  int liveStreams() {
    return live.size();
  }

  /** Ends every open call: normally when everything was answered, with {@code status} otherwise. */
  void endAll(Status status) {
    for (IngestStream s : List.copyOf(live)) {
      s.shutdown(status);
    }
  }
}
