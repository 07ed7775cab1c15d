package io.orgtrail.aggregator;

import io.orgtrail.aggregator.digest.DigestWriter;
import io.orgtrail.aggregator.ingest.DeliveryRecorder;
import io.orgtrail.aggregator.sequence.BatchEvents;
import io.orgtrail.format.logfile.LogFile;
import java.io.IOException;
import java.util.List;

/** Connects log file delivery to the digest chains: every delivered file is listed by a digest. */
final class DigestRecorder implements DeliveryRecorder {
  private final DigestWriter digests;

  DigestRecorder(DigestWriter digests) {
    this.digests = digests;
  }

  @Override
  public void putting(String accountId, String region, String key, LogFile file, List<BatchEvents> holds)
      throws IOException {
    digests.putting(accountId, region, key, file.uncompressedSha256Hex(), file.oldestEventTime(),
        file.newestEventTime(), holds);
  }

  @Override
  public void put(String accountId, String region, String key) {
    digests.put(accountId, region, key);
  }
}
