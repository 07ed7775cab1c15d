package io.orgtrail.policy;

/**
 * The size limit of an inline session policy (STS AssumeRole's Policy parameter): 2,048 characters. MinIO does not
 * count the text it is sent: it counts its own compact re-serialisation, in which every Action, NotAction, Resource,
 * NotResource and condition value list is a JSON array (so {@code "Action":"s3:GetObject"} counts as
 * {@code "Action":["s3:GetObject"]}) and whitespace is gone. Checked against MinIO RELEASE.2025-10-15: a policy
 * whose measure is 2,048 is accepted, 2,049 is refused. AWS counts the plain text, which is never longer.
 */
public final class SessionPolicyLimit {
  public static final int MAX_CHARS = 2048;

  private SessionPolicyLimit() {}

  /** The length MinIO compares with {@link #MAX_CHARS}. */
  public static int measure(PolicyDocument policy) {
    return PolicyWriter.compactWithArrays(policy).length();
  }

  public static boolean fits(PolicyDocument policy) {
    return measure(policy) <= MAX_CHARS;
  }
}
