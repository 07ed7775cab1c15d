package io.orgtrail.notify.pattern;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.List;

/** {@code {"numeric": [op, n (, op, n)]}}: number values only; every comparison must hold. */
record NumericMatcher(List<Comparison> comparisons) implements Matcher {
  NumericMatcher {
    comparisons = List.copyOf(comparisons);
  }

  @Override
  public boolean matches(JsonNode value) {
    if (value == null || !value.isNumber()) {
      return false;
    }
    BigDecimal actual = value.decimalValue();
    for (Comparison comparison : comparisons) {
      if (!comparison.holdsFor(actual)) {
        return false;
      }
    }
    return true;
  }

  record Comparison(String operator, BigDecimal operand) {
    static final List<String> OPERATORS = List.of("=", "<", "<=", ">", ">=");

    boolean holdsFor(BigDecimal actual) {
      int cmp = actual.compareTo(operand);
      switch (operator) {
        case "=":
          return cmp == 0;
        case "<":
          return cmp < 0;
        case "<=":
          return cmp <= 0;
        case ">":
          return cmp > 0;
        case ">=":
          return cmp >= 0;
        default:
          throw new IllegalStateException("unknown operator " + operator);
      }
    }

    boolean isLowerBound() {
      return operator.equals(">") || operator.equals(">=");
    }

    boolean isUpperBound() {
      return operator.equals("<") || operator.equals("<=");
    }
  }
}
