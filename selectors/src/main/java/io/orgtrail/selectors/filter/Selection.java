package io.orgtrail.selectors.filter;

/** What the selectors say about one record. */
public enum Selection {
  /** The selectors take the record (or it is an Insights event, which selectors do not govern). */
  SELECTED,
  /** No selector takes the record: it may be dropped. */
  NOT_SELECTED,
  /**
   * The record could not be read (not JSON, not an object, data after it, a field the selectors test has the wrong
   * JSON type or appears twice). Never drop such a record here: pass it on to the normal record checks, which
   * reject it with a specific error.
   */
  UNREADABLE
}
