package io.orgtrail.selectors.filter;

import io.orgtrail.selectors.AdvancedSelectors;
import io.orgtrail.selectors.BasicSelectors;
import io.orgtrail.selectors.InvalidEventSelectorsException;
import io.orgtrail.selectors.TrailSelectors;
import java.util.List;
import java.util.Objects;

/**
 * Decides, from a record's exact JSON bytes, whether a trail's event selectors take it, so that an agent can drop
 * unselected events before they cross the network. Selectors are ORed. Insights events are not governed by event
 * selectors and are always taken. Thread-safe and immutable: compile once, share across threads.
 *
 * <p>Only the fields the selectors test are read, with Jackson's streaming parser (no tree); the rest is skipped.
 * A record that cannot be read is {@link Selection#UNREADABLE}, never {@link Selection#NOT_SELECTED}: callers must
 * pass it on to the normal record checks, which reject it with a specific error; {@link #selects} does so by
 * answering true for it.
 */
public final class EventFilter {
  private final TrailSelectors selectors;
  private final String fingerprint;
  private final List<EventPredicate> predicates;
  private final EventFactsReader reader;

  private EventFilter(TrailSelectors selectors) {
    this.selectors = selectors;
    this.fingerprint = selectors.fingerprint();
    if (selectors instanceof BasicSelectors basic) {
      this.predicates = basic.selectors().stream().<EventPredicate>map(BasicPredicate::new).toList();
    } else {
      this.predicates = ((AdvancedSelectors) selectors).selectors().stream()
          .<EventPredicate>map(AdvancedPredicate::new).toList();
    }
    this.reader = new EventFactsReader(
        predicates.stream().map(EventPredicate::needs).reduce(Needs.NOTHING, Needs::or));
  }

  /**
   * Validates and compiles the selectors.
   *
   * @throws InvalidEventSelectorsException when CloudTrail would refuse them
   */
  public static EventFilter compile(TrailSelectors selectors) throws InvalidEventSelectorsException {
    Objects.requireNonNull(selectors, "selectors");
    selectors.validate();
    return new EventFilter(selectors);
  }

  /** CloudTrail's default trail: all management events, no data events. */
  public static EventFilter defaults() {
    return new EventFilter(TrailSelectors.defaults());
  }

  /** What the selectors say about the record held in {@code bytes[offset, offset+length)}. */
  public Selection evaluate(byte[] bytes, int offset, int length) {
    Objects.checkFromIndexSize(offset, length, bytes.length);
    EventFacts event = reader.read(bytes, offset, length);
    if (event == null) {
      return Selection.UNREADABLE;
    }
    if (EventFacts.INSIGHT.equals(event.category())) {
      return Selection.SELECTED;
    }
    for (EventPredicate predicate : predicates) {
      if (predicate.test(event)) {
        return Selection.SELECTED;
      }
    }
    return Selection.NOT_SELECTED;
  }

  public Selection evaluate(byte[] record) {
    return evaluate(record, 0, record.length);
  }

  /**
   * False only when the record may be dropped; true when it is selected <em>or unreadable</em> (so malformed input
   * reaches the record checks and is rejected there, never silently lost).
   */
  public boolean selects(byte[] record) {
    return evaluate(record) != Selection.NOT_SELECTED;
  }

  public TrailSelectors selectors() {
    return selectors;
  }

  /** {@link TrailSelectors#fingerprint()} of the selectors applied. */
  public String fingerprint() {
    return fingerprint;
  }

  @Override
  public String toString() {
    return "EventFilter[" + fingerprint.substring(0, 12) + ": " + selectors.toJson() + "]";
  }
}
