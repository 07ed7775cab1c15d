package io.orgtrail.policy;

/**
 * A policy that is not valid. The message says where (which statement, by index and Sid, and which field), what was
 * wrong, and what to do; {@link #location()}, {@link #problem()} and {@link #remedy()} give the parts.
 */
public final class InvalidPolicyException extends Exception {
  private static final long serialVersionUID = 1L;

  private final String location;
  private final String problem;
  private final String remedy;

  public InvalidPolicyException(String location, String problem, String remedy) {
    super(location + ": " + problem + (remedy.isEmpty() ? "" : "; " + remedy));
    this.location = location;
    this.problem = problem;
    this.remedy = remedy;
  }

  /** Where in the document, e.g. {@code Statement[1] (Sid "ReadOwn").Condition.StringLikee}. */
  public String location() {
    return location;
  }

  /** What was wrong, e.g. {@code unknown condition operator "StringLikee"}. */
  public String problem() {
    return problem;
  }

  /** What to do about it. */
  public String remedy() {
    return remedy;
  }
}
