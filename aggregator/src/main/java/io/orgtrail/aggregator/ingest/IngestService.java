package io.orgtrail.aggregator.ingest;

import io.grpc.Status;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import io.orgtrail.proto.v1.Ack;
import io.orgtrail.proto.v1.Batch;
import io.orgtrail.proto.v1.IngestGrpc;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** {@code orgtrail.v1.Ingest}: one {@link IngestStream} per call. */
final class IngestService extends IngestGrpc.IngestImplBase {
  private final BatchIntake intake;
  private final FlowGate gate;
  private final HeadSource heads;
  private final Set<IngestStream> live = ConcurrentHashMap.newKeySet();

  IngestService(BatchIntake intake, FlowGate gate, HeadSource heads) {
    this.intake = intake;
    this.gate = gate;
    this.heads = heads;
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
