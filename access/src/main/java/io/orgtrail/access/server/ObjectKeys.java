package io.orgtrail.access.server;

import io.grpc.Status;
import io.grpc.StatusException;
import io.orgtrail.store.KeyRules;
import java.nio.charset.StandardCharsets;

/**
 * Which keys and prefixes a request may name: what {@link KeyRules} allows, so that no path trick reaches outside
 * what the policy allowed on any store. Every key orgtrail writes passes.
 */
final class ObjectKeys {
  private static final String EXAMPLE = "e.g. AWSLogs/o-a1b2c3d4e5/111122223333/CloudTrail/us-east-1/2025/01/31/";

  private ObjectKeys() {}

  /** A full object key: not empty, not ending with '/'. */
  static String requireKey(String key) throws StatusException {
    if (key.isEmpty()) {
      throw invalid("the object key is empty; name the object to read, " + EXAMPLE + "<file>.json.gz");
    }
    String problem = KeyRules.keyProblem(key);
    if (problem != null) {
      throw invalid("key " + quote(key) + " " + problem + ", " + EXAMPLE);
    }
    return key;
  }

  /**
   * A listing prefix: empty (the whole bucket) or the beginning of keys. Stricter than a local store's listing: its
   * last segment must be a valid segment too, so no prefix ever spells a path trick.
   */
  static String requirePrefix(String prefix) throws StatusException {
    String problem = KeyRules.prefixProblem(prefix, false);
    if (problem != null) {
      throw invalid("prefix " + quote(prefix) + " " + problem + ", " + EXAMPLE);
    }
    return prefix;
  }

  /** The key a page continues after: only its size and characters matter. */
  static String requireStartAfter(String startAfter) throws StatusException {
    if (startAfter.getBytes(StandardCharsets.UTF_8).length > KeyRules.MAX_KEY_BYTES) {
      throw invalid("start_after is longer than " + KeyRules.MAX_KEY_BYTES + " bytes; pass the last key of the"
          + " previous page");
    }
    if (startAfter.indexOf('\0') >= 0) {
      throw invalid("start_after contains a NUL character; pass the last key of the previous page");
    }
    return startAfter;
  }

  private static StatusException invalid(String message) {
    return Status.INVALID_ARGUMENT.withDescription(message).asException();
  }

  private static String quote(String text) {
    StringBuilder quoted = new StringBuilder("'");
    text.codePoints().limit(200).forEach(cp -> {
      if (Character.isISOControl(cp)) {
        quoted.append(String.format("\\u%04x", cp));
      } else {
        quoted.appendCodePoint(cp);
      }
    });
    return quoted.append(text.codePointCount(0, text.length()) > 200 ? "...'" : "'").toString();
  }
}
