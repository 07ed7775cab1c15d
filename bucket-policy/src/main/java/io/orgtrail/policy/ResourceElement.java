package io.orgtrail.policy;

import java.util.List;

/**
 * A statement's {@code Resource} or ({@code negated}) {@code NotResource}: ARN patterns such as
 * {@code arn:aws:s3:::bucket/AWSLogs/*} or {@code *}, matched case-sensitively; may hold policy variables.
 */
public record ResourceElement(boolean negated, List<String> patterns) {
  public ResourceElement {
    patterns = List.copyOf(patterns);
    if (patterns.isEmpty()) {
      throw new IllegalArgumentException("a Resource element needs at least one ARN, such as arn:aws:s3:::bucket/*");
    }
  }

  public static ResourceElement of(String... patterns) {
    return new ResourceElement(false, List.of(patterns));
  }

  public static ResourceElement not(String... patterns) {
    return new ResourceElement(true, List.of(patterns));
  }

  /** {@code Resource} or {@code NotResource}. */
  public String jsonName() {
    return negated ? "NotResource" : "Resource";
  }
}
