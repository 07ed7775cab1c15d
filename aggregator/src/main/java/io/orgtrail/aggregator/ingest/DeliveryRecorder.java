package io.orgtrail.aggregator.ingest;

import io.orgtrail.aggregator.sequence.BatchEvents;
import io.orgtrail.format.logfile.LogFile;
import java.io.IOException;
import java.util.List;

/**
 * Told about every log file around its put, so that digests list it: before the put, with the events it holds (a
 * recorder that must survive a crash journals them here), and once it is durable and the sequence state saying so
 * is saved (only then may a digest list it and the journal forget it).
 */
public interface DeliveryRecorder {
  DeliveryRecorder NONE = new DeliveryRecorder() {
    @Override
    public void putting(String accountId, String region, String key, LogFile file, List<BatchEvents> holds) {}

    @Override
    public void put(String accountId, String region, String key) {}
  };

  /** The file is about to be put; throwing stops the put (it is retried). */
  void putting(String accountId, String region, String key, LogFile file, List<BatchEvents> holds)
      throws IOException;

  void put(String accountId, String region, String key);
}
