package io.orgtrail.integrity;

import io.orgtrail.format.digest.ChainId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Counts results and collects problems while forwarding each to the listener. Single-threaded. */
final class Tally {
  private final ValidationListener listener;
  private final ValidationRequest request;
  private final List<Problem> problems = new ArrayList<>();
  private Instant foundStart;
  private Instant foundEnd;
  private int digestsValid;
  private int digestsInvalid;
  private int digestsMissing;
  private int logFilesValid;
  private int logFilesInvalid;
  private int logFilesMissing;
  private int logFilesUnlisted;
  private int logFilesCopied;
  private int logFilesMoved;
  private int logFilesNotCovered;
  private int logFilesNotYetCovered;
  private int chainGaps;
  private int chainsTruncated;
  private int witnessesChecked;
  private int witnessesInvalid;
  private int failures;

  Tally(ValidationListener listener, ValidationRequest request) {
    this.listener = listener;
    this.request = request;
  }

  void chainStarted(ChainId chain) {
    listener.chainStarted(chain);
  }

  /** A valid digest; like the AWS CLI, only valid digests move the "Results found for" times. */
  void digestValid(ChainId chain, String bucket, String key, DigestDocument digest) {
    digestsValid++;
    Instant start = digest.start().isBefore(request.start()) ? request.start() : digest.start();
    Instant end = digest.end().isAfter(request.end()) ? request.end() : digest.end();
    if (foundStart == null || start.isBefore(foundStart)) {
      foundStart = start;
    }
    if (foundEnd == null || end.isAfter(foundEnd)) {
      foundEnd = end;
    }
    listener.digestValid(chain, bucket, key);
  }

  void logFileValid(ChainId chain, String bucket, String key) {
    logFilesValid++;
    listener.logFileValid(chain, bucket, key);
  }

  void witnessChecked() {
    witnessesChecked++;
  }

  void problem(Problem p) {
    problems.add(p);
    switch (p.kind()) {
      case DIGEST_INVALID, DIGEST_UNREADABLE, DIGEST_FORK, DIGEST_UNLINKED -> digestsInvalid++;
      case DIGEST_MISSING -> {
        digestsInvalid++;
        digestsMissing++;
      }
      case LOG_FILE_INVALID, LOG_FILE_UNREADABLE -> logFilesInvalid++;
      case LOG_FILE_MISSING -> {
        logFilesInvalid++;
        logFilesMissing++;
      }
      case LOG_FILE_UNLISTED -> logFilesUnlisted++;
      case LOG_FILE_COPIED -> logFilesCopied++;
      case LOG_FILE_MOVED -> logFilesMoved++;
      case LOG_FILE_NOT_COVERED -> logFilesNotCovered++;
      case LOG_FILE_NOT_YET_COVERED -> logFilesNotYetCovered++;
      case CHAIN_GAP -> chainGaps++;
      case CHAIN_TRUNCATED -> chainsTruncated++;
      case WITNESS_INVALID -> witnessesInvalid++;
      case LISTING_FAILED, CHAIN_FAILED -> failures++;
    }
    listener.problem(p);
  }

  ValidationReport report(List<ChainId> chains) {
    ValidationCounts counts = new ValidationCounts(digestsValid, digestsInvalid, digestsMissing, logFilesValid,
        logFilesInvalid, logFilesMissing, logFilesUnlisted, logFilesCopied, logFilesMoved, logFilesNotCovered,
        logFilesNotYetCovered, chainGaps, chainsTruncated, witnessesChecked, witnessesInvalid, failures);
    return new ValidationReport(request.start(), request.end(), foundStart, foundEnd, chains, counts, problems);
  }
}
