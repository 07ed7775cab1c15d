package io.orgtrail.agent.ship;

import io.orgtrail.agent.batch.SealedBatch;
import io.orgtrail.proto.v1.Batch;
import java.io.IOException;

/** Reads a batch's content back from the spool when the shipper does not hold it in memory. */
@FunctionalInterface
public interface BatchReader {
  /**
   * @throws io.orgtrail.agent.spool.CorruptSpoolRecordException when the record no longer reads back as written
   * @throws IOException when it cannot be read now
   */
  Batch read(SealedBatch batch) throws IOException;
}
