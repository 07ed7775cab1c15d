package io.orgtrail.policy.condition;

import io.orgtrail.policy.text.Spelling;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** A full condition operator as written: {@code [ForAnyValue:|ForAllValues:]<Operator>[IfExists]}. */
public record ConditionOperator(SetQualifier qualifier, Operator operator, boolean ifExists) {
  private static final String IF_EXISTS = "IfExists";

  public ConditionOperator {
    if (ifExists && operator == Operator.NULL) {
      throw new IllegalArgumentException("NullIfExists is not an operator: Null already tests whether the key exists");
    }
  }

  public static ConditionOperator of(Operator operator) {
    return new ConditionOperator(SetQualifier.NONE, operator, false);
  }

  /** Parses an operator name exactly as AWS spells it (case-sensitive); empty when it is not one. */
  public static Optional<ConditionOperator> parse(String text) {
    SetQualifier qualifier = SetQualifier.NONE;
    String rest = text;
    for (SetQualifier q : SetQualifier.values()) {
      if (q != SetQualifier.NONE && rest.startsWith(q.prefix())) {
        qualifier = q;
        rest = rest.substring(q.prefix().length());
      }
    }
    boolean ifExists = false;
    Optional<Operator> base = Operator.byJsonName(rest);
    if (base.isEmpty() && rest.endsWith(IF_EXISTS)) {
      ifExists = true;
      base = Operator.byJsonName(rest.substring(0, rest.length() - IF_EXISTS.length()));
    }
    if (base.isEmpty() || (ifExists && base.get() == Operator.NULL)) {
      return Optional.empty();
    }
    return Optional.of(new ConditionOperator(qualifier, base.get(), ifExists));
  }

  /**
   * The known operator closest to {@code text} (a typo or wrong case), qualifier and IfExists kept, to suggest when
   * {@code text} is not an operator; empty when nothing is close.
   */
  public static Optional<String> suggestion(String text) {
    String qualifier = "";
    String rest = text;
    for (SetQualifier q : SetQualifier.values()) {
      if (q != SetQualifier.NONE && rest.toLowerCase(Locale.ROOT).startsWith(q.prefix().toLowerCase(Locale.ROOT))) {
        qualifier = q.prefix();
        rest = rest.substring(q.prefix().length());
      }
    }
    List<String> names = new ArrayList<>();
    for (Operator o : Operator.values()) {
      names.add(o.jsonName());
      if (o != Operator.NULL) {
        names.add(o.jsonName() + IF_EXISTS);
      }
    }
    String q = qualifier;
    return Spelling.closest(rest, names, Math.max(2, rest.length() / 4)).map(n -> q + n);
  }

  /** The operator as written in JSON. */
  public String name() {
    return qualifier.prefix() + operator.jsonName() + (ifExists ? IF_EXISTS : "");
  }
}
