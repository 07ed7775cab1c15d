package io.orgtrail.format.layout;

import java.util.regex.Pattern;

/**
 * A region name that is safe to use as one segment of an object key: lowercase ASCII words joined by hyphens and
 * ending in a number, such as {@code us-east-1} or {@code us-gov-west-1}. Anything else (path separators, dots,
 * escapes, look-alike Unicode letters, control characters, empty or very long strings) is refused, so a record can
 * never steer a key outside its account's prefix.
 */
public final class Region {
  public static final int MAX_LENGTH = 32;
  private static final Pattern NAME = Pattern.compile("[a-z]{2,12}(-[a-z]{1,16}){1,3}-[0-9]{1,2}[a-z]?");

  private Region() {}

  public static boolean isValid(String s) {
    return s != null && s.length() <= MAX_LENGTH && NAME.matcher(s).matches();
  }

  public static String require(String s) {
    if (!isValid(s)) {
      throw new IllegalArgumentException(
          "region '" + s + "' is not valid: use a region name such as us-east-1");
    }
    return s;
  }
}
