package io.orgtrail.format.record;

/** A record that cannot be logged; the message says what is wrong in words a user can act on. */
public final class InvalidRecordException extends Exception {
  private static final long serialVersionUID = 1L;
  private final RecordProblem problem;

  public InvalidRecordException(RecordProblem problem, String message) {
    super(message);
    this.problem = problem;
  }

  public RecordProblem problem() {
    return problem;
  }
}
