package io.orgtrail.access.identity;

import io.orgtrail.format.layout.AccountId;
import java.util.regex.Pattern;

/**
 * What an orgtrail identity is made of, checked the same way when a certificate is issued and when one is presented:
 * a 12-digit account, a {@link Role} and a holder's name. The principal the policies see is the role's ARN.
 */
public final class IdentityRules {
  /** Letters, digits and {@code . _ @ -}, starting with a letter or digit: safe in a DN, a file name and a log line. */
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._@-]{0,63}");

  private IdentityRules() {}

  /** The account id, checked: exactly 12 digits. */
  public static String requireAccount(String accountId) {
    return AccountId.require(accountId);
  }

  /**
   * The holder's name, checked: 1 to 64 letters, digits, periods, underscores, at signs or hyphens, starting with a
   * letter or digit.
   */
  public static String requireName(String name) {
    if (name == null || !NAME.matcher(name).matches()) {
      throw new IllegalArgumentException("name '" + name + "' is not valid: use 1 to 64 letters, digits, '.', '_', "
          + "'@' or '-', starting with a letter or digit, e.g. alice or ops-team");
    }
    return name;
  }

  /** {@code arn:aws:iam::<accountId>:role/<role>}: the principal the read policies are evaluated for. */
  public static String roleArn(String accountId, Role role) {
    return "arn:aws:iam::" + requireAccount(accountId) + ":role/" + role.id();
  }
}
