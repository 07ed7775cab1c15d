package io.orgtrail.integrity;

/**
 * What a {@link Problem} is about. Error kinds make a report unclean (exit code 1); the others are information an
 * auditor may want but that proves nothing was changed, added or deleted.
 */
public enum ProblemKind {
  /** A digest failed a check: format, location, signature, key, or its link to the newer digest. */
  DIGEST_INVALID(Subject.DIGEST, true, "INVALID"),
  /** A digest the chain names (or that the chain shows must exist) is not in the bucket. */
  DIGEST_MISSING(Subject.DIGEST, true, "INVALID"),
  /** The store failed while reading a digest; nothing is known about it. */
  DIGEST_UNREADABLE(Subject.DIGEST, true, "INVALID"),
  /** A digest names the same previous digest as another one: the chain forks. */
  DIGEST_FORK(Subject.DIGEST, true, "INVALID"),
  /** A digest of the range that no walk of the chain reaches: nothing newer names it. */
  DIGEST_UNLINKED(Subject.DIGEST, true, "INVALID"),
  /** A log file named by a valid digest does not hash to the digest's value, or is not a valid gzip file. */
  LOG_FILE_INVALID(Subject.LOG_FILE, true, "INVALID"),
  /** A log file named by a valid digest is not in the bucket. */
  LOG_FILE_MISSING(Subject.LOG_FILE, true, "INVALID"),
  /** The store failed while reading a log file named by a valid digest. */
  LOG_FILE_UNREADABLE(Subject.LOG_FILE, true, "INVALID"),
  /** A log file delivered in a period a valid digest covers, which no digest names: an added file. */
  LOG_FILE_UNLISTED(Subject.LOG_FILE, true, "INVALID"),
  /** An unlisted log file whose content is that of a listed log file that is still in place. */
  LOG_FILE_COPIED(Subject.LOG_FILE, true, "INVALID"),
  /** An unlisted log file whose content is that of a listed log file that is gone. */
  LOG_FILE_MOVED(Subject.LOG_FILE, true, "INVALID"),
  /**
   * A log file delivered when no valid digest covers the time: its digest is missing or invalid, the chain was
   * truncated, it falls in a gap between chains, or the region has no digests at all. It cannot be verified.
   */
  LOG_FILE_NOT_COVERED(Subject.LOG_FILE, true, "NOT VERIFIED"),
  /**
   * A log file that may have been delivered after the newest digest ended (its name's minute reaches past that end):
   * the next digest will list it. Not an error.
   */
  LOG_FILE_NOT_YET_COVERED(Subject.LOG_FILE, false, "not yet covered"),
  /** A digest starts a new chain (no previous digest) while older digests exist: logging stopped. Not an error. */
  CHAIN_GAP(Subject.CHAIN, false, "GAP"),
  /** Witnesses show digests newer than the newest one in the bucket: the chain's tail was deleted. */
  CHAIN_TRUNCATED(Subject.CHAIN, true, "TRUNCATED"),
  /** A witness (signed chain head) whose signature or key does not check out, or that names another bucket. */
  WITNESS_INVALID(Subject.WITNESS, true, "INVALID"),
  /** Listing a prefix failed, so the chains under it were not (fully) validated. */
  LISTING_FAILED(Subject.LISTING, true, "FAILED"),
  /** An unexpected error stopped the validation of one chain; the others went on. */
  CHAIN_FAILED(Subject.CHAIN, true, "FAILED");

  /** What the key of a problem of this kind names. */
  public enum Subject {
    DIGEST("Digest file"),
    LOG_FILE("Log file"),
    CHAIN("Digest chain"),
    WITNESS("Witness"),
    LISTING("Listing");

    private final String label;

    Subject(String label) {
      this.label = label;
    }

    /** How the AWS CLI starts its lines about this subject, e.g. {@code Digest file}. */
    public String label() {
      return label;
    }
  }

  private final Subject subject;
  private final boolean error;
  private final String status;

  ProblemKind(Subject subject, boolean error, String status) {
    this.subject = subject;
    this.error = error;
    this.status = status;
  }

  public Subject subject() {
    return subject;
  }

  /** Whether a problem of this kind makes the report unclean. */
  public boolean isError() {
    return error;
  }

  /** The status word of the printed line, e.g. {@code INVALID}. */
  public String status() {
    return status;
  }
}
