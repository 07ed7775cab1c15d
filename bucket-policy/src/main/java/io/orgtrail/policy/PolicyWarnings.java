package io.orgtrail.policy;

import io.orgtrail.policy.condition.Condition;
import io.orgtrail.policy.text.PolicyVariables;
import java.util.ArrayList;
import java.util.List;

/**
 * What is valid but probably not what the author meant: policy variables that AWS will not substitute (Version
 * 2008-10-17 or no Version), and a policy without Principal (a session or identity policy) over the 2,048
 * characters an inline session policy may have.
 */
public final class PolicyWarnings {
  private PolicyWarnings() {}

  public static List<String> of(PolicyDocument policy) {
    List<String> warnings = new ArrayList<>();
    if (!policy.versionDeclared()) {
      warnings.add(
          "Version: the policy has no Version, so AWS reads it as " + PolicyVersion.V2008_10_17
              + ", where policy variables are plain text; add \"Version\": \"" + PolicyVersion.V2012_10_17 + "\"");
    }
    if (!policy.substitutesVariables()) {
      for (int i = 0; i < policy.statements().size(); i++) {
        Statement s = policy.statements().get(i);
        String where = Statement.describe(i, s.sid());
        for (String r : s.resource().patterns()) {
          if (PolicyVariables.containsVariable(r)) {
            warnings.add(variableWarning(where + "." + s.resource().jsonName(), r, policy));
          }
        }
        for (Condition c : s.conditions()) {
          for (String v : c.values()) {
            if (PolicyVariables.containsVariable(v)) {
              warnings.add(variableWarning(where + ".Condition." + c.operator().name() + "." + c.key(), v, policy));
            }
          }
        }
      }
    }
    boolean anyPrincipal = policy.statements().stream().anyMatch(s -> s.principal() != null);
    if (!anyPrincipal && !SessionPolicyLimit.fits(policy)) {
      warnings.add(
          "(document): as a session policy (it has no Principal) it measures " + SessionPolicyLimit.measure(policy)
              + " characters as MinIO counts them (compact JSON is " + policy.toJson().length()
              + "), over the limit of " + SessionPolicyLimit.MAX_CHARS
              + " that MinIO and AWS STS accept; use fewer statements or wildcards");
    }
    return warnings;
  }

  private static String variableWarning(String where, String text, PolicyDocument policy) {
    return where + ": \"" + text + "\" looks like a policy variable, but under Version " + policy.version()
        + " AWS compares it as plain text; use \"Version\": \"" + PolicyVersion.V2012_10_17 + "\" to substitute it";
  }
}
