package io.orgtrail.selectors;

/**
 * Event selectors that CloudTrail would refuse (the name is CloudTrail's own error code for PutEventSelectors). The
 * message names the selector, field and value that are wrong and what is allowed instead; {@link #path()} is the
 * location alone (for example {@code AdvancedEventSelectors[1].FieldSelectors[0].Field}), empty when the problem
 * concerns the document as a whole.
 */
public final class InvalidEventSelectorsException extends Exception {
  private static final long serialVersionUID = 1L;
  private final String path;

  public InvalidEventSelectorsException(String path, String message) {
    super(path.isEmpty() ? message : path + ": " + message);
    this.path = path;
  }

  public String path() {
    return path;
  }
}
