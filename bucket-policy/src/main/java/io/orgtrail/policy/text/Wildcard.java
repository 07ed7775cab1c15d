package io.orgtrail.policy.text;

import java.util.ArrayList;
import java.util.List;

/**
 * A pattern with {@code *} (any run of characters, including none) and {@code ?} (exactly one character), as IAM
 * uses in actions, resources, StringLike and ArnLike. Matching backtracks only to the last star, so it is linear in
 * practice and never explodes on hostile input (no regular expressions).
 */
public final class Wildcard {
  private final char[] pattern;
  private final boolean[] literal;
  private final boolean ignoreCase;

  private Wildcard(char[] pattern, boolean[] literal, boolean ignoreCase) {
    this.pattern = pattern;
    this.literal = literal;
    this.ignoreCase = ignoreCase;
  }

  /** A pattern where every {@code *} and {@code ?} is a wildcard. */
  public static Wildcard of(String pattern, boolean ignoreCase) {
    return of(List.of(new Piece(pattern, false)), ignoreCase);
  }

  /** A pattern from pieces; characters of literal pieces (substituted variables) are never wildcards. */
  public static Wildcard of(List<Piece> pieces, boolean ignoreCase) {
    StringBuilder text = new StringBuilder();
    List<Boolean> flags = new ArrayList<>();
    for (Piece piece : pieces) {
      text.append(piece.text());
      for (int i = 0; i < piece.text().length(); i++) {
        flags.add(piece.literal());
      }
    }
    boolean[] literal = new boolean[flags.size()];
    for (int i = 0; i < literal.length; i++) {
      literal[i] = flags.get(i);
    }
    return new Wildcard(text.toString().toCharArray(), literal, ignoreCase);
  }

  /**
   * Splits the pattern at {@code separator} into at most {@code limit} parts, the last one keeping any further
   * separators (as an ARN's resource part keeps its colons).
   */
  public List<Wildcard> split(char separator, int limit) {
    List<Wildcard> parts = new ArrayList<>();
    int start = 0;
    for (int i = 0; i < pattern.length && parts.size() < limit - 1; i++) {
      if (pattern[i] == separator) {
        parts.add(slice(start, i));
        start = i + 1;
      }
    }
    parts.add(slice(start, pattern.length));
    return parts;
  }

  private Wildcard slice(int from, int to) {
    char[] p = java.util.Arrays.copyOfRange(pattern, from, to);
    boolean[] l = java.util.Arrays.copyOfRange(literal, from, to);
    return new Wildcard(p, l, ignoreCase);
  }

  public boolean matches(String text) {
    int p = 0;
    int t = 0;
    int starP = -1;
    int starT = -1;
    int n = text.length();
    int m = pattern.length;
    while (t < n) {
      if (p < m && isStar(p)) {
        starP = p++;
        starT = t;
      } else if (p < m && (isQuestion(p) || same(pattern[p], text.charAt(t)))) {
        p++;
        t++;
      } else if (starP >= 0) {
        p = starP + 1;
        t = ++starT;
      } else {
        return false;
      }
    }
    while (p < m && isStar(p)) {
      p++;
    }
    return p == m;
  }

  private boolean isStar(int i) {
    return pattern[i] == '*' && !literal[i];
  }

  private boolean isQuestion(int i) {
    return pattern[i] == '?' && !literal[i];
  }

  private boolean same(char a, char b) {
    return a == b || (ignoreCase && Character.toLowerCase(a) == Character.toLowerCase(b));
  }

  @Override
  public String toString() {
    return new String(pattern);
  }
}
