package io.orgtrail.bench.pipeline;

import io.orgtrail.format.record.InvalidRecordException;
import io.orgtrail.format.record.RecordScanner;
import java.util.ArrayList;
import java.util.List;

/**
 * The records the rsyslog peer is fed: those orgtrail's agents generated and delivered in the same invocation, read
 * back from its files, so that both ship the same events (sizes, fields, compressibility).
 */
final class PeerRecords {
  /** Fewer records of an account than this, and its agent gets all of them instead. */
  static final int MIN_PER_ACCOUNT = 100;

  private PeerRecords() {}

  /**
   * Per agent, the records of its account (recipientAccountId {@link PipelineCluster#account}), or all of them when
   * the sample has too few of it.
   *
   * @throws IllegalArgumentException when there are no records at all
   */
  static List<List<byte[]>> perAccount(List<byte[]> records, int agents) {
    if (records.isEmpty()) {
      throw new IllegalArgumentException("no delivered records to feed the peer with");
    }
    RecordScanner scanner = new RecordScanner();
    List<List<byte[]>> perAgent = new ArrayList<>();
    for (int i = 0; i < agents; i++) {
      perAgent.add(new ArrayList<>());
    }
    for (byte[] r : records) {
      String account;
      try {
        account = scanner.scan(r).recipientAccountId();
      } catch (InvalidRecordException e) {
        continue;
      }
      for (int i = 0; i < agents; i++) {
        if (PipelineCluster.account(i).equals(account)) {
          perAgent.get(i).add(r);
        }
      }
    }
    List<List<byte[]>> result = new ArrayList<>();
    for (List<byte[]> own : perAgent) {
      result.add(own.size() >= MIN_PER_ACCOUNT ? List.copyOf(own) : List.copyOf(records));
    }
    return result;
  }
}
