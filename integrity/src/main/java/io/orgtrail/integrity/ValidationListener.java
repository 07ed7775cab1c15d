package io.orgtrail.integrity;

import io.orgtrail.format.digest.ChainId;

/**
 * Hears each result as the validator finds it, for a live display ({@link ValidationPrinter}) or a log. Called on
 * the thread that runs {@link LogValidator#validate}, one call at a time. Every method does nothing by default.
 */
public interface ValidationListener {
  /** No-op listener. */
  ValidationListener NONE = new ValidationListener() {};

  /** A chain is about to be validated. */
  default void chainStarted(ChainId chain) {}

  /** A digest passed every check. */
  default void digestValid(ChainId chain, String bucket, String key) {}

  /** A log file named by a valid digest is there and hashes to the digest's value. */
  default void logFileValid(ChainId chain, String bucket, String key) {}

  /** Something was found; see {@link ProblemKind#isError()}. */
  default void problem(Problem problem) {}
}
