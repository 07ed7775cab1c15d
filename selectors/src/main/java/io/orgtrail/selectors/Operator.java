package io.orgtrail.selectors;

import java.util.Arrays;
import java.util.Optional;

/**
 * The operators of an advanced field selector. A positive operator holds when any of its values matches; a negative
 * one ({@code Not*}) holds when none of its values matches.
 */
public enum Operator {
  EQUALS("Equals", false),
  STARTS_WITH("StartsWith", false),
  ENDS_WITH("EndsWith", false),
  NOT_EQUALS("NotEquals", true),
  NOT_STARTS_WITH("NotStartsWith", true),
  NOT_ENDS_WITH("NotEndsWith", true);

  private final String wireName;
  private final boolean negative;

  Operator(String wireName, boolean negative) {
    this.wireName = wireName;
    this.negative = negative;
  }

  public String wireName() {
    return wireName;
  }

  public boolean negative() {
    return negative;
  }

  public static Optional<Operator> fromWireName(String name) {
    return Arrays.stream(values()).filter(o -> o.wireName.equals(name)).findFirst();
  }

  /** Whether {@code actual} matches {@code value} by this operator's comparison, before any negation. */
  public boolean compares(String actual, String value) {
    return switch (this) {
      case EQUALS, NOT_EQUALS -> actual.equals(value);
      case STARTS_WITH, NOT_STARTS_WITH -> actual.startsWith(value);
      case ENDS_WITH, NOT_ENDS_WITH -> actual.endsWith(value);
    };
  }
}
