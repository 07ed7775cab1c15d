package io.orgtrail.policy.eval;

/** The outcome of an evaluation, named as the AWS policy simulator names it. */
public enum Verdict {
  ALLOWED("allowed"),
  EXPLICIT_DENY("explicitDeny"),
  IMPLICIT_DENY("implicitDeny");

  private final String simulatorName;

  Verdict(String simulatorName) {
    this.simulatorName = simulatorName;
  }

  /** The AWS policy simulator's word: {@code allowed}, {@code explicitDeny} or {@code implicitDeny}. */
  public String simulatorName() {
    return simulatorName;
  }
}
