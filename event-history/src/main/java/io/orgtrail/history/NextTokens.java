package io.orgtrail.history;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;

/**
 * NextToken: base64url of {@code v1:<eventTime>:<rowId>:<filter hash>}. The filter hash (SHA-256 of the lookup
 * attribute, the StartTime and EndTime as sent, and the account scope) binds a token to the lookup that issued it,
 * as CloudTrail requires ("must be passed in with the same parameters"); MaxResults may change between pages.
 * Tokens are opaque to callers but not secret: a forged position only moves within what the caller may see anyway.
 */
final class NextTokens {
  private static final String VERSION = "v1";

  private NextTokens() {}

  static String encode(PageCursor cursor, String filterHash) {
    String text = VERSION + ":" + cursor.eventTime() + ":" + cursor.rowId() + ":" + filterHash;
    return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.US_ASCII));
  }

  static PageCursor decode(String token, String filterHash) throws LookupException {
    String text;
    try {
      text = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.US_ASCII);
    } catch (IllegalArgumentException e) {
      throw invalid("it is not a token this service issued");
    }
    String[] parts = text.split(":", -1);
    if (parts.length != 4 || !parts[0].equals(VERSION)) {
      throw invalid("it is not a token this service issued");
    }
    if (!parts[3].equals(filterHash)) {
      throw invalid("it was issued for a different lookup; pass the same LookupAttributes, StartTime and EndTime"
          + " as the call that returned it, or start again without NextToken");
    }
    try {
      return new PageCursor(Long.parseLong(parts[1]), Long.parseLong(parts[2]));
    } catch (NumberFormatException e) {
      throw invalid("it is not a token this service issued");
    }
  }

  static String filterHash(String attributeKey, String attributeValue, String start, String end, String scope) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      for (String part : new String[] {attributeKey, attributeValue, start, end, scope}) {
        byte[] bytes = (part == null ? "\u0000null" : part).getBytes(StandardCharsets.UTF_8);
        sha.update(Integer.toString(bytes.length).getBytes(StandardCharsets.US_ASCII));
        sha.update((byte) ':');
        sha.update(bytes);
      }
      return HexFormat.of().formatHex(sha.digest(), 0, 12);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required by the Java platform", e);
    }
  }

  private static LookupException invalid(String why) {
    return new LookupException(LookupError.INVALID_NEXT_TOKEN, "The NextToken is not valid: " + why + ".");
  }
}
