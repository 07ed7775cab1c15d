package io.orgtrail.selectors.filter;

/** Which optional record fields a compiled filter tests, so that the reader extracts only those. */
record Needs(boolean eventSource, boolean eventName, boolean errorCode, boolean userIdentityArn,
    boolean resources) {

  static final Needs NOTHING = new Needs(false, false, false, false, false);

  Needs or(Needs other) {
    return new Needs(eventSource || other.eventSource, eventName || other.eventName, errorCode || other.errorCode,
        userIdentityArn || other.userIdentityArn, resources || other.resources);
  }
}
