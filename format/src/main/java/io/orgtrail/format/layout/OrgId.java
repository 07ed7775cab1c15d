package io.orgtrail.format.layout;

import java.util.regex.Pattern;

/** An organization id as AWS Organizations writes it: {@code o-} and 10 to 32 lowercase letters or digits. */
public final class OrgId {
  private static final Pattern ID = Pattern.compile("o-[a-z0-9]{10,32}");

  private OrgId() {}

  public static boolean isValid(String s) {
    return s != null && ID.matcher(s).matches();
  }

  public static String require(String s) {
    if (!isValid(s)) {
      throw new IllegalArgumentException(
          "organization id '" + s + "' is not valid: it is o- followed by 10 to 32 lowercase letters or digits, such as o-a1b2c3d4e5");
    }
    return s;
  }
}
