package io.orgtrail.aggregator.ingest;

import io.orgtrail.format.logfile.LogFile;
import java.io.IOException;

/**
 * Told about every log file around its put, so that digests list it: before the put (a recorder that must survive
 * a crash journals it here) and once it is durable.
 */
public interface DeliveryRecorder {
  DeliveryRecorder NONE = new DeliveryRecorder() {
    @Override
    public void putting(String accountId, String region, String key, LogFile file) {}

    @Override
    public void put(String accountId, String region, String key) {}
  };

  /** The file is about to be put; throwing stops the put (it is retried). */
  void putting(String accountId, String region, String key, LogFile file) throws IOException;

  void put(String accountId, String region, String key);
}
