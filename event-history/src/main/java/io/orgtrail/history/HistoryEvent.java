package io.orgtrail.history;

import java.time.Instant;
import java.util.List;

/**
 * One event as LookupEvents returns it, plus the account it belongs to.
 *
 * @param accountId the account the event was delivered for (its log file's account)
 * @param eventId the record's eventID
 * @param eventName the record's eventName
 * @param readOnly "true" or "false", or null when the record has no readOnly
 * @param accessKeyId userIdentity.accessKeyId, or null
 * @param eventTime the record's eventTime (second precision)
 * @param eventSource the record's eventSource
 * @param username see {@link HistoryUsername}, or null when the record names no identity
 * @param resources from the record's resources[], in order; empty when it has none
 * @param cloudTrailEvent the record's exact JSON text
 */
public record HistoryEvent(
    String accountId,
    String eventId,
    String eventName,
    String readOnly,
    String accessKeyId,
    Instant eventTime,
    String eventSource,
    String username,
    List<HistoryResource> resources,
    String cloudTrailEvent) {

  public HistoryEvent {
    resources = List.copyOf(resources);
  }
}
