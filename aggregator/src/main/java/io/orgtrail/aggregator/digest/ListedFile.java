package io.orgtrail.aggregator.digest;

import io.orgtrail.aggregator.sequence.BatchEvents;
import io.orgtrail.format.digest.DigestFile;
import java.time.Instant;
import java.util.List;

/**
 * A log file as the next digest of its chain will list it, with the events it holds (journaled with it, so that
 * after a crash the events of a file found in the store are known to be durable).
 */
record ListedFile(String key, String sha256Hex, Instant oldestEventTime, Instant newestEventTime,
    List<BatchEvents> holds) {

  ListedFile {
    holds = List.copyOf(holds);
  }

  /**
   * The file once its events are recorded durable in the sequence state: its holds are no longer needed, and
   * there may be many of them (a file can hold thousands of batches) for an hour until a digest lists it.
   */
  ListedFile withoutHolds() {
    return holds.isEmpty() ? this : new ListedFile(key, sha256Hex, oldestEventTime, newestEventTime, List.of());
  }

  DigestFile.LogFileEntry entry(String bucket) {
    return new DigestFile.LogFileEntry(bucket, key, sha256Hex, newestEventTime, oldestEventTime);
  }
}
