package io.orgtrail.policy.generate;

import io.orgtrail.policy.PolicyDocument;
import io.orgtrail.policy.PolicyVersion;
import io.orgtrail.policy.SessionPolicyLimit;
import io.orgtrail.policy.Statement;

/** Renders policies for STS AssumeRole's Policy parameter (an inline session policy). */
public final class SessionPolicies {
  /** MinIO/AWS limit for an inline session policy. */
  public static final int MAX_CHARS = SessionPolicyLimit.MAX_CHARS;

  private SessionPolicies() {}

  /**
   * Compact JSON for STS AssumeRole's Policy parameter (the same text as {@link PolicyDocument#toJson()});
   * IllegalArgumentException (with the length) when too long as MinIO counts it (see {@link SessionPolicyLimit}), or
   * when the policy is not a plain IAM policy (a session policy has no Principal and uses Version 2012-10-17).
   */
  public static String render(PolicyDocument policy) {
    if (!PolicyVersion.V2012_10_17.equals(policy.version())) {
      throw new IllegalArgumentException(
          "a session policy must use Version " + PolicyVersion.V2012_10_17 + ", this one has " + policy.version());
    }
    for (int i = 0; i < policy.statements().size(); i++) {
      Statement s = policy.statements().get(i);
      if (s.principal() != null) {
        throw new IllegalArgumentException(
            Statement.describe(i, s.sid()) + " has a " + s.principal().jsonName()
                + ": a session policy applies to the session's own principal, remove the element");
      }
    }
    String json = policy.toJson();
    int measured = SessionPolicyLimit.measure(policy);
    if (measured > MAX_CHARS) {
      throw new IllegalArgumentException(
          "the session policy is " + json.length() + " characters (" + measured + " as MinIO counts them, every"
              + " Action, Resource and condition value as an array), over the limit of " + MAX_CHARS
              + ": use fewer statements or wildcards");
    }
    return json;
  }
}
