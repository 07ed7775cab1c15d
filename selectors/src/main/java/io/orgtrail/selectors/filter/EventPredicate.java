package io.orgtrail.selectors.filter;

/** One compiled selector. */
interface EventPredicate {
  boolean test(EventFacts event);

  /** The optional fields this selector reads. */
  Needs needs();
}
