package io.orgtrail.insights;

import java.util.Objects;

/** What call and error rates are measured per: one API in one region of one account. */
public record InsightKey(String accountId, String region, String eventSource, String eventName) {
  public InsightKey {
    Objects.requireNonNull(accountId, "accountId");
    Objects.requireNonNull(region, "region");
    Objects.requireNonNull(eventSource, "eventSource");
    Objects.requireNonNull(eventName, "eventName");
  }
}
