package io.orgtrail.policy.eval;

import io.orgtrail.policy.Statement;

/**
 * The statement that decided: its policy's index in the list evaluated, its index in that policy, and its Sid (null
 * when it has none).
 */
public record DecidingStatement(int policyIndex, int statementIndex, String sid) {
  /** {@code Statement[1] (Sid "ReadOwn")}. */
  public String describe() {
    return Statement.describe(statementIndex, sid);
  }
}
