package io.orgtrail.insights;

/** The two kinds of CloudTrail Insights, by their wire names. */
public enum InsightType {
  /** Unusual volume of write management calls ({@code readOnly} false) per minute. */
  API_CALL_RATE("ApiCallRateInsight"),
  /** Unusual volume of management calls answered with an {@code errorCode} per minute, reads and writes alike. */
  API_ERROR_RATE("ApiErrorRateInsight");

  private final String wireName;

  InsightType(String wireName) {
    this.wireName = wireName;
  }

  public String wireName() {
    return wireName;
  }

  public static InsightType fromWireName(String name) {
    for (InsightType type : values()) {
      if (type.wireName.equals(name)) {
        return type;
      }
    }
    throw new IllegalArgumentException(
        "unknown insight type '" + name + "'; expected ApiCallRateInsight or ApiErrorRateInsight");
  }
}
