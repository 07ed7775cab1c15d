package io.orgtrail.selectors;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One condition group of an advanced selector: a {@code Field} and, per operator, the values CloudTrail's JSON lists
 * under {@code Equals}, {@code StartsWith}, ... The operators present are ANDed; the values of one positive operator
 * are ORed, those of one negative operator must all miss. An operator given no values is dropped. The field is kept as text so that a selector naming an
 * unknown field can be held and reported by validation.
 */
public record FieldSelector(String field, Map<Operator, List<String>> conditions) {

  public FieldSelector {
    Objects.requireNonNull(field, "field");
    EnumMap<Operator, List<String>> copy = new EnumMap<>(Operator.class);
    // An operator with no values is the same as an operator left out (CloudTrail refuses empty lists in JSON).
    conditions.forEach((op, values) -> {
      if (!values.isEmpty()) {
        copy.put(Objects.requireNonNull(op), List.copyOf(values));
      }
    });
    conditions = Collections.unmodifiableMap(copy);
  }

  /** {@code field} with one operator and its values, e.g. {@code of("eventName", EQUALS, "GetObject")}. */
  public static FieldSelector of(String field, Operator operator, String... values) {
    return new FieldSelector(field, Map.of(operator, List.of(values)));
  }

  public static FieldSelector of(SelectorField field, Operator operator, String... values) {
    return of(field.wireName(), operator, values);
  }

  /** This selector with {@code operator}'s values replaced by {@code values}. */
  public FieldSelector with(Operator operator, String... values) {
    EnumMap<Operator, List<String>> copy = new EnumMap<>(Operator.class);
    copy.putAll(conditions);
    copy.put(operator, new ArrayList<>(Arrays.asList(values)));
    return new FieldSelector(field, copy);
  }

  /** The values listed under {@code operator}; empty when the operator is not used. */
  public List<String> values(Operator operator) {
    return conditions.getOrDefault(operator, List.of());
  }
}
