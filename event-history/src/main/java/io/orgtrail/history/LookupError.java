package io.orgtrail.history;

/** The LookupEvents errors, named as CloudTrail names them (the API answers them as {@code __type}). */
public enum LookupError {
  INVALID_LOOKUP_ATTRIBUTES("InvalidLookupAttributesException"),
  INVALID_TIME_RANGE("InvalidTimeRangeException"),
  INVALID_MAX_RESULTS("InvalidMaxResultsException"),
  INVALID_NEXT_TOKEN("InvalidNextTokenException");

  private final String errorCode;

  LookupError(String errorCode) {
    this.errorCode = errorCode;
  }

  /** CloudTrail's error name, e.g. {@code InvalidTimeRangeException}. */
  public String errorCode() {
    return errorCode;
  }
}
