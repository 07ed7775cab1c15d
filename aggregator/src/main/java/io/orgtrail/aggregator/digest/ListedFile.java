package io.orgtrail.aggregator.digest;

import io.orgtrail.format.digest.DigestFile;
import java.time.Instant;

/** A log file as the next digest of its chain will list it. */
record ListedFile(String key, String sha256Hex, Instant oldestEventTime, Instant newestEventTime) {

  DigestFile.LogFileEntry entry(String bucket) {
    return new DigestFile.LogFileEntry(bucket, key, sha256Hex, newestEventTime, oldestEventTime);
  }
}
