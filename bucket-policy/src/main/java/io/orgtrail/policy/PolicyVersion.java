package io.orgtrail.policy;

import java.util.List;

/** The policy language versions AWS knows. */
public final class PolicyVersion {
  /** The current version: policy variables are substituted. */
  public static final String V2012_10_17 = "2012-10-17";
  /** The old version, AWS's default when a policy has no Version: {@code ${...}} stays literal text. */
  public static final String V2008_10_17 = "2008-10-17";
  public static final List<String> ALL = List.of(V2012_10_17, V2008_10_17);

  private PolicyVersion() {}
}
