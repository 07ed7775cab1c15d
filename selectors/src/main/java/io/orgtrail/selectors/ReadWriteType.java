package io.orgtrail.selectors;

import java.util.Arrays;
import java.util.Optional;

/** Which management and data events a basic selector takes, by the record's {@code readOnly}. */
public enum ReadWriteType {
  READ_ONLY("ReadOnly"),
  WRITE_ONLY("WriteOnly"),
  ALL("All");

  private final String wireName;

  ReadWriteType(String wireName) {
    this.wireName = wireName;
  }

  /** The name CloudTrail's API uses: {@code ReadOnly}, {@code WriteOnly} or {@code All}. */
  public String wireName() {
    return wireName;
  }

  /** By CloudTrail's name, case-sensitive as CloudTrail is. */
  public static Optional<ReadWriteType> fromWireName(String name) {
    return Arrays.stream(values()).filter(t -> t.wireName.equals(name)).findFirst();
  }

  /** Whether an event with this {@code readOnly} value is taken. */
  public boolean accepts(boolean readOnly) {
    return switch (this) {
      case READ_ONLY -> readOnly;
      case WRITE_ONLY -> !readOnly;
      case ALL -> true;
    };
  }
}
