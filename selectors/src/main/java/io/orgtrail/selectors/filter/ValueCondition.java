package io.orgtrail.selectors.filter;

import io.orgtrail.selectors.FieldSelector;
import io.orgtrail.selectors.Operator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One field selector's conditions on one value: every operator present must hold; a positive operator holds when
 * any of its values matches, a negative one when none does. A value the record leaves out matches no value: positive
 * operators fail on it and negative ones hold.
 */
final class ValueCondition {
  private final Set<String> equals;
  private final Set<String> notEquals;
  private final List<Map.Entry<Operator, List<String>>> affixes;

  ValueCondition(FieldSelector selector) {
    this.equals = selector.conditions().containsKey(Operator.EQUALS)
        ? Set.copyOf(selector.values(Operator.EQUALS)) : null;
    this.notEquals = Set.copyOf(selector.values(Operator.NOT_EQUALS));
    this.affixes = selector.conditions().entrySet().stream()
        .filter(e -> e.getKey() != Operator.EQUALS && e.getKey() != Operator.NOT_EQUALS && !e.getValue().isEmpty())
        .map(e -> Map.entry(e.getKey(), e.getValue()))
        .toList();
  }

  boolean test(String actual) {
    if (equals != null && (actual == null || !equals.contains(actual))) {
      return false;
    }
    if (actual != null && notEquals.contains(actual)) {
      return false;
    }
    for (Map.Entry<Operator, List<String>> affix : affixes) {
      Operator op = affix.getKey();
      boolean any = actual != null && anyMatches(op, actual, affix.getValue());
      if (op.negative() ? any : !any) {
        return false;
      }
    }
    return true;
  }

  private static boolean anyMatches(Operator op, String actual, List<String> values) {
    for (String value : values) {
      if (op.compares(actual, value)) {
        return true;
      }
    }
    return false;
  }
}
