package io.orgtrail.aggregator.sequence;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.BitSet;

/**
 * A set of event positions in one batch ({@code Batch.events} indexes), immutable. Its text form lists ranges,
 * e.g. {@code 0-9,12,15-20}: a batch's events in one log file are nearly always one range, so state and journal
 * lines stay short however large the batch.
 */
public final class EventIndexes {
  public static final EventIndexes NONE = new EventIndexes(new BitSet());

  private final BitSet bits;

  private EventIndexes(BitSet bits) {
    this.bits = bits;
  }

  public static EventIndexes of(int... indexes) {
    BitSet b = new BitSet();
    for (int i : indexes) {
      if (i < 0) {
        throw new IllegalArgumentException("event index " + i + " is negative");
      }
      b.set(i);
    }
    return new EventIndexes(b);
  }

  /** The set bits of {@code bits} (copied). */
  public static EventIndexes copyOf(BitSet bits) {
    return bits.isEmpty() ? NONE : new EventIndexes((BitSet) bits.clone());
  }

  /** Every index from {@code from} (inclusive) to {@code to} (exclusive). */
  public static EventIndexes range(int from, int to) {
    if (from < 0 || to < from) {
      throw new IllegalArgumentException("event index range [" + from + ", " + to + ") is not valid");
    }
    BitSet b = new BitSet();
    b.set(from, to);
    return new EventIndexes(b);
  }

  /**
   * Reads the text form ({@code 0-9,12}; empty for none).
   *
   * @throws IllegalArgumentException when {@code text} is not a list of indexes and ascending ranges
   */
  @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
  public static EventIndexes parse(String text) {
    BitSet b = new BitSet();
    if (text == null || text.isEmpty()) {
      return NONE;
    }
    for (String part : text.split(",", -1)) {
      int dash = part.indexOf('-');
      try {
        int from = Integer.parseInt(dash < 0 ? part : part.substring(0, dash));
        int to = dash < 0 ? from : Integer.parseInt(part.substring(dash + 1));
        if (from < 0 || to < from) {
          throw new NumberFormatException("descending or negative");
        }
        b.set(from, to + 1);
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("'" + text + "' is not a list of event indexes such as 0-9,12 ('" + part
            + "': " + e.getMessage() + ")", e);
      }
    }
    return new EventIndexes(b);
  }

  public boolean contains(int index) {
    return index >= 0 && bits.get(index);
  }

  public boolean isEmpty() {
    return bits.isEmpty();
  }

  public int size() {
    return bits.cardinality();
  }

  /** True when every index of {@code other} is in this set. */
  public boolean containsAll(EventIndexes other) {
    BitSet missing = (BitSet) other.bits.clone();
    missing.andNot(bits);
    return missing.isEmpty();
  }

  public EventIndexes union(EventIndexes other) {
    if (other.isEmpty() || containsAll(other)) {
      return this;
    }
    BitSet b = (BitSet) bits.clone();
    b.or(other.bits);
    return new EventIndexes(b);
  }

  @JsonValue
  @Override
  public String toString() {
    StringBuilder s = new StringBuilder();
    int from = bits.nextSetBit(0);
    while (from >= 0) {
      int to = bits.nextClearBit(from) - 1;
      if (s.length() > 0) {
        s.append(',');
      }
      s.append(from);
      if (to > from) {
        s.append('-').append(to);
      }
      from = to == Integer.MAX_VALUE ? -1 : bits.nextSetBit(to + 1);
    }
    return s.toString();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof EventIndexes other && bits.equals(other.bits);
  }

  @Override
  public int hashCode() {
    return bits.hashCode();
  }
}
