package io.orgtrail.format.layout;

/** A 12-digit account id, as AWS writes it. */
public final class AccountId {
  private AccountId() {}

  public static boolean isValid(String s) {
    if (s == null || s.length() != 12) {
      return false;
    }
    for (int i = 0; i < 12; i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        return false;
      }
    }
    return true;
  }

  public static String require(String s) {
    if (!isValid(s)) {
      throw new IllegalArgumentException(
          "account id '" + s + "' is not valid: an account id is exactly 12 digits, such as 111122223333");
    }
    return s;
  }
}
