package io.orgtrail.policy;

import java.util.List;

/**
 * A statement's {@code Action} or ({@code negated}) {@code NotAction}: patterns such as {@code s3:GetObject},
 * {@code s3:Get*} or {@code *}, matched case-insensitively.
 */
public record ActionElement(boolean negated, List<String> patterns) {
  public ActionElement {
    patterns = List.copyOf(patterns);
    if (patterns.isEmpty()) {
      throw new IllegalArgumentException("an Action element needs at least one action, such as s3:GetObject");
    }
  }

  public static ActionElement of(String... patterns) {
    return new ActionElement(false, List.of(patterns));
  }

  public static ActionElement not(String... patterns) {
    return new ActionElement(true, List.of(patterns));
  }

  /** {@code Action} or {@code NotAction}. */
  public String jsonName() {
    return negated ? "NotAction" : "Action";
  }
}
