package io.orgtrail.insights;

/** Whether an Insights event opens or closes a period of unusual activity ({@code insightDetails.state}). */
public enum InsightState {
  START("Start"),
  END("End");

  private final String wireName;

  InsightState(String wireName) {
    this.wireName = wireName;
  }

  public String wireName() {
    return wireName;
  }
}
