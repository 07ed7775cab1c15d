package io.orgtrail.policy.condition;

import java.util.List;

/**
 * One test of a statement's Condition block: {@code "<operator>": {"<key>": [values]}}. The values are kept as
 * text (JSON numbers and booleans become their text), which is how AWS compares them. Several values are OR-ed.
 */
public record Condition(ConditionOperator operator, String key, List<String> values) {
  public Condition {
    values = List.copyOf(values);
    if (key == null || key.isEmpty()) {
      throw new IllegalArgumentException("a condition needs a key, such as s3:prefix");
    }
    if (values.isEmpty()) {
      throw new IllegalArgumentException("condition " + operator.name() + " on " + key + " needs at least one value");
    }
  }

  public static Condition of(String operator, String key, String... values) {
    ConditionOperator op =
        ConditionOperator.parse(operator)
            .orElseThrow(() -> new IllegalArgumentException("unknown condition operator \"" + operator + "\""));
    return new Condition(op, key, List.of(values));
  }
}
