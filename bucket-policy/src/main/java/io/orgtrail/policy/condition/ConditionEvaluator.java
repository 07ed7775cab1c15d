package io.orgtrail.policy.condition;

import io.orgtrail.policy.text.Piece;
import io.orgtrail.policy.text.PolicyVariables;
import io.orgtrail.policy.text.Wildcard;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Tests one {@link Condition} against a request's keys with AWS semantics:
 *
 * <ul>
 *   <li>several policy values are OR-ed;
 *   <li>a missing key: false for positive operators, true for negated ones (StringNotEquals, NotIpAddress, ...),
 *       true with {@code IfExists}, true with {@code ForAllValues:}, false with {@code ForAnyValue:};
 *   <li>a multi-valued key without a qualifier: a positive operator needs one value to match, a negated operator
 *       needs no value to match;
 *   <li>{@code ForAnyValue:} needs one request value to satisfy the operator, {@code ForAllValues:} every one;
 *   <li>{@code Null}: "true" holds when the key is missing, "false" when it is present.
 * </ul>
 *
 * Policy variables in String and Arn values are substituted when {@code substituteVariables} (Version
 * 2012-10-17); a variable without a value and without a default makes that policy value match nothing.
 */
public final class ConditionEvaluator {
  private final boolean substituteVariables;

  public ConditionEvaluator(boolean substituteVariables) {
    this.substituteVariables = substituteVariables;
  }

  public boolean test(Condition condition, ContextKeys keys) {
    ConditionOperator op = condition.operator();
    Optional<List<String>> present = keys.values(condition.key()).filter(v -> !v.isEmpty());
    if (op.operator() == Operator.NULL) {
      boolean absent = present.isEmpty();
      return condition.values().stream()
          .map(ConditionValues::bool)
          .anyMatch(v -> v.isPresent() && v.get() == absent);
    }
    if (present.isEmpty()) {
      if (op.ifExists()) {
        return true;
      }
      return switch (op.qualifier()) {
        case FOR_ALL_VALUES -> true;
        case FOR_ANY_VALUE -> false;
        case NONE -> op.operator().negated();
      };
    }
    List<Predicate<String>> policyValues = new ArrayList<>();
    for (String value : condition.values()) {
      policyValues.add(matcher(op.operator(), value, keys));
    }
    Predicate<String> matchesAny = v -> policyValues.stream().anyMatch(p -> p.test(v));
    boolean negated = op.operator().negated();
    Predicate<String> satisfies = negated ? matchesAny.negate() : matchesAny;
    List<String> requestValues = present.get();
    return switch (op.qualifier()) {
      case NONE -> negated ? requestValues.stream().noneMatch(matchesAny) : requestValues.stream().anyMatch(matchesAny);
      case FOR_ANY_VALUE -> requestValues.stream().anyMatch(satisfies);
      case FOR_ALL_VALUES -> requestValues.stream().allMatch(satisfies);
    };
  }

  /** Whether a request value matches one policy value, in the operator's positive sense (Equals, Like, In). */
  private Predicate<String> matcher(Operator operator, String policyValue, ContextKeys keys) {
    return switch (operator.family()) {
      case STRING -> stringMatcher(operator, policyValue, keys);
      case ARN -> arnMatcher(policyValue, keys);
      case NUMERIC -> {
        Optional<BigDecimal> p = ConditionValues.number(policyValue);
        yield v -> p.isPresent() && ConditionValues.number(v).map(r -> compares(operator, r.compareTo(p.get()))).orElse(false);
      }
      case DATE -> {
        Optional<Instant> p = ConditionValues.date(policyValue);
        yield v -> p.isPresent() && ConditionValues.date(v).map(r -> compares(operator, r.compareTo(p.get()))).orElse(false);
      }
      case BOOL -> {
        Optional<Boolean> p = ConditionValues.bool(policyValue);
        yield v -> p.isPresent() && ConditionValues.bool(v).equals(p);
      }
      case BINARY -> {
        Optional<byte[]> p = ConditionValues.binary(policyValue);
        yield v -> p.isPresent() && ConditionValues.binary(v).map(r -> Arrays.equals(r, p.get())).orElse(false);
      }
      case IP -> {
        Optional<IpRange> p = IpRange.parse(policyValue);
        yield v -> p.isPresent() && p.get().contains(v);
      }
      case NULL -> throw new IllegalStateException("Null is tested on the key's presence");
    };
  }

  private static boolean compares(Operator operator, int cmp) {
    return switch (operator) {
      case NUMERIC_EQUALS, NUMERIC_NOT_EQUALS, DATE_EQUALS, DATE_NOT_EQUALS -> cmp == 0;
      case NUMERIC_LESS_THAN, DATE_LESS_THAN -> cmp < 0;
      case NUMERIC_LESS_THAN_EQUALS, DATE_LESS_THAN_EQUALS -> cmp <= 0;
      case NUMERIC_GREATER_THAN, DATE_GREATER_THAN -> cmp > 0;
      case NUMERIC_GREATER_THAN_EQUALS, DATE_GREATER_THAN_EQUALS -> cmp >= 0;
      default -> throw new IllegalStateException("not a comparison: " + operator);
    };
  }

  private Predicate<String> stringMatcher(Operator operator, String policyValue, ContextKeys keys) {
    Optional<List<Piece>> pieces = resolve(policyValue, keys);
    if (pieces.isEmpty()) {
      return v -> false;
    }
    return switch (operator) {
      case STRING_EQUALS, STRING_NOT_EQUALS -> {
        String p = PolicyVariables.join(pieces.get());
        yield p::equals;
      }
      case STRING_EQUALS_IGNORE_CASE, STRING_NOT_EQUALS_IGNORE_CASE -> {
        String p = PolicyVariables.join(pieces.get()).toLowerCase(Locale.ROOT);
        yield v -> v.toLowerCase(Locale.ROOT).equals(p);
      }
      case STRING_LIKE, STRING_NOT_LIKE -> Wildcard.of(pieces.get(), false)::matches;
      default -> throw new IllegalStateException("not a string operator: " + operator);
    };
  }

  /** ArnEquals and ArnLike alike: each of the six colon-separated parts is matched on its own, with wildcards. */
  private Predicate<String> arnMatcher(String policyValue, ContextKeys keys) {
    Optional<List<Piece>> pieces = resolve(policyValue, keys);
    if (pieces.isEmpty()) {
      return v -> false;
    }
    Wildcard whole = Wildcard.of(pieces.get(), false);
    List<Wildcard> parts = whole.split(':', 6);
    if (parts.size() < 6) {
      return whole::matches;
    }
    return v -> {
      String[] valueParts = v.split(":", 6);
      if (valueParts.length < 6) {
        return false;
      }
      for (int i = 0; i < 6; i++) {
        if (!parts.get(i).matches(valueParts[i])) {
          return false;
        }
      }
      return true;
    };
  }

  private Optional<List<Piece>> resolve(String value, ContextKeys keys) {
    if (!substituteVariables) {
      return Optional.of(List.of(new Piece(value, false)));
    }
    return PolicyVariables.resolve(value, keys::single);
  }
}
