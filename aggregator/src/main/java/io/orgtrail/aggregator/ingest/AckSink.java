package io.orgtrail.aggregator.ingest;

import io.orgtrail.proto.v1.Ack;

/** Where the acknowledgement of one received copy of a batch goes: the stream it arrived on. */
interface AckSink {
  void send(Ack ack);
}
