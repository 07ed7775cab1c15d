package io.orgtrail.policy.eval;

import io.orgtrail.format.layout.AccountId;
import io.orgtrail.policy.PrincipalElement;
import java.util.Locale;
import java.util.Optional;

/**
 * Whether a request's principal is one a Principal element names. {@code "*"} and {@code {"AWS": "*"}} name
 * everyone (anonymous included); an account id, or its {@code :root} ARN, names every principal of that account;
 * a role ARN also names that role's assumed-role sessions; Service names compare case-insensitively. Federated and
 * CanonicalUser principals are read but never match (orgtrail has neither).
 */
final class PrincipalMatcher {
  private PrincipalMatcher() {}

  /** Whether the principal is named by the element's list (before NotPrincipal's negation). */
  static boolean named(PrincipalElement element, Principal principal) {
    if (element.wildcard()) {
      return true;
    }
    for (String id : element.ids("AWS")) {
      if (awsMatches(id, principal)) {
        return true;
      }
    }
    if (principal.type() == Principal.Type.SERVICE) {
      for (String name : element.ids("Service")) {
        if (name.equals("*") || name.toLowerCase(Locale.ROOT).equals(principal.id().toLowerCase(Locale.ROOT))) {
          return true;
        }
      }
    }
    return false;
  }

  private static boolean awsMatches(String id, Principal principal) {
    if (id.equals("*")) {
      return true;
    }
    if (principal.type() != Principal.Type.AWS) {
      return false;
    }
    Optional<String> account = accountOf(id);
    if (account.isPresent()) {
      return principal.accountId().equals(account);
    }
    if (id.equals(principal.id())) {
      return true;
    }
    return assumedRoleOf(id, principal);
  }

  /** {@code 111122223333} and {@code arn:aws:iam::111122223333:root} name the whole account. */
  private static Optional<String> accountOf(String id) {
    if (AccountId.isValid(id)) {
      return Optional.of(id);
    }
    String[] parts = id.split(":", 6);
    if (parts.length == 6 && parts[2].equals("iam") && parts[5].equals("root") && AccountId.isValid(parts[4])) {
      return Optional.of(parts[4]);
    }
    return Optional.empty();
  }

  /** A role ARN (any path) names its sessions {@code arn:aws:sts::<acct>:assumed-role/<role>/<session>}. */
  private static boolean assumedRoleOf(String roleArn, Principal principal) {
    String[] role = roleArn.split(":", 6);
    String[] session = principal.id().split(":", 6);
    if (role.length != 6 || session.length != 6 || !role[2].equals("iam") || !role[5].startsWith("role/")
        || !session[2].equals("sts") || !session[5].startsWith("assumed-role/")) {
      return false;
    }
    String roleName = role[5].substring(role[5].lastIndexOf('/') + 1);
    String[] sessionParts = session[5].split("/");
    return role[1].equals(session[1]) && role[4].equals(session[4]) && sessionParts.length >= 2
        && sessionParts[1].equals(roleName);
  }
}
