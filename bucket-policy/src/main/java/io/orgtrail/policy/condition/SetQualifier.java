package io.orgtrail.policy.condition;

/** How a condition treats a multi-valued request key. */
public enum SetQualifier {
  /** No qualifier: a positive operator needs one matching value, a negated operator needs none to match. */
  NONE(""),
  /** {@code ForAnyValue:}: at least one request value must satisfy the operator; a missing key is false. */
  FOR_ANY_VALUE("ForAnyValue:"),
  /** {@code ForAllValues:}: every request value must satisfy the operator; a missing key is true. */
  FOR_ALL_VALUES("ForAllValues:");

  private final String prefix;

  SetQualifier(String prefix) {
    this.prefix = prefix;
  }

  public String prefix() {
    return prefix;
  }
}
