package io.orgtrail.integrity;

/**
 * How many of each thing a validation saw. As in the AWS CLI, a missing digest or log file counts as invalid, so
 * {@code digestsValid + digestsInvalid} is every digest looked at and {@code logFilesValid + logFilesInvalid} every
 * log file a valid digest names. The other log file counts are about files no valid digest names.
 */
public record ValidationCounts(
    int digestsValid,
    int digestsInvalid,
    int digestsMissing,
    int logFilesValid,
    int logFilesInvalid,
    int logFilesMissing,
    int logFilesUnlisted,
    int logFilesCopied,
    int logFilesMoved,
    int logFilesNotCovered,
    int logFilesNotYetCovered,
    int chainGaps,
    int chainsTruncated,
    int witnessesChecked,
    int witnessesInvalid,
    int failures) {

  public int digests() {
    return digestsValid + digestsInvalid;
  }

  public int logFiles() {
    return logFilesValid + logFilesInvalid;
  }
}
