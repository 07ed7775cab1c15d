package io.orgtrail.history;

/**
 * What indexing one log file did.
 *
 * @param objectKey the file's key
 * @param alreadyIndexed the key had been indexed before: nothing was read or added
 * @param records records in the file
 * @param added events added to the history
 * @param duplicates management events whose eventID was already in the history
 * @param notManagement data, network activity and Insights events (not kept)
 * @param expired management events older than the 90-day window (not kept)
 * @param invalid records without a usable eventID or eventTime, or not JSON objects (not kept)
 * @param accountMismatches events whose recipientAccountId differs from the key's account (kept under the key's)
 */
public record IndexResult(
    String objectKey,
    boolean alreadyIndexed,
    int records,
    int added,
    int duplicates,
    int notManagement,
    int expired,
    int invalid,
    int accountMismatches) {

  static IndexResult skipped(String objectKey) {
    return new IndexResult(objectKey, true, 0, 0, 0, 0, 0, 0, 0);
  }
}
