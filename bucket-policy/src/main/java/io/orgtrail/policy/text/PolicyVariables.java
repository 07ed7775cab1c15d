package io.orgtrail.policy.text;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Policy variables ({@code ${aws:username}}, {@code ${s3:prefix}}, {@code ${aws:username, 'nobody'}}, and the
 * escapes {@code ${*}}, {@code ${?}}, {@code ${$}}), which AWS substitutes only under Version 2012-10-17.
 */
public final class PolicyVariables {
  private static final Pattern VARIABLE = Pattern.compile("\\$\\{([^}]*)}");
  private static final Pattern KEY_AND_DEFAULT =
      Pattern.compile("\\s*([A-Za-z0-9_.:/-]+)\\s*(?:,\\s*'([^']*)'\\s*)?");

  private PolicyVariables() {}

  /** Whether {@code text} holds something that looks like a policy variable. */
  public static boolean containsVariable(String text) {
    return VARIABLE.matcher(text).find();
  }

  /**
   * Substitutes the variables of {@code text}. Text as written stays a pattern; substituted values and escapes are
   * literal. Empty when a variable has no value and no default: AWS then treats the resource or value as not
   * matching. Text inside {@code ${...}} that is not a variable stays as written.
   *
   * @param lookup a key's single value, empty when the request has none (or several)
   */
  public static Optional<List<Piece>> resolve(String text, Function<String, Optional<String>> lookup) {
    List<Piece> pieces = new ArrayList<>();
    Matcher m = VARIABLE.matcher(text);
    int last = 0;
    while (m.find()) {
      if (m.start() > last) {
        pieces.add(new Piece(text.substring(last, m.start()), false));
      }
      last = m.end();
      String inner = m.group(1);
      switch (inner) {
        case "*", "?", "$" -> pieces.add(new Piece(inner, true));
        default -> {
          Matcher kd = KEY_AND_DEFAULT.matcher(inner);
          if (!kd.matches()) {
            pieces.add(new Piece(m.group(), false));
            continue;
          }
          Optional<String> value = lookup.apply(kd.group(1));
          if (value.isEmpty() && kd.group(2) == null) {
            return Optional.empty();
          }
          pieces.add(new Piece(value.orElse(kd.group(2)), true));
        }
      }
    }
    if (last < text.length()) {
      pieces.add(new Piece(text.substring(last), false));
    }
    return Optional.of(pieces);
  }

  /** The text of resolved pieces, for operators that compare whole strings. */
  public static String join(List<Piece> pieces) {
    StringBuilder b = new StringBuilder();
    pieces.forEach(p -> b.append(p.text()));
    return b.toString();
  }
}
