package io.orgtrail.history;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * A {@link LookupRequest} checked as CloudTrail checks it, with the time window resolved to epoch seconds.
 *
 * @param key the lookup attribute, or null for none
 * @param value its value, or null for none
 * @param fromSecond the lowest eventTime (inclusive), the window start clamped to the retention window
 * @param toSecond the highest eventTime (inclusive), already lowered to the cursor's time on later pages
 * @param cursor where the previous page ended
 */
record ValidatedLookup(AttributeKey key, String value, long fromSecond, long toSecond, int maxResults,
    Optional<PageCursor> cursor, AccountScope scope, String filterHash) {

  static final int MAX_VALUE_LENGTH = 2000;
  static final int MAX_RESULTS_LIMIT = 50;

  static ValidatedLookup of(LookupRequest request, Instant now, Duration retention) throws LookupException {
    AttributeKey key = null;
    String value = null;
    if (request.attributes().size() > 1) {
      throw new LookupException(LookupError.INVALID_LOOKUP_ATTRIBUTES,
          "LookupEvents takes at most one lookup attribute, but " + request.attributes().size()
              + " were given; look up by one and filter the results");
    }
    if (request.attributes().size() == 1) {
      LookupAttribute attribute = request.attributes().get(0);
      key = AttributeKey.fromWireName(attribute.attributeKey());
      value = attribute.attributeValue();
      if (value == null || value.isEmpty()) {
        throw new LookupException(LookupError.INVALID_LOOKUP_ATTRIBUTES,
            "the lookup attribute " + key.wireName() + " has no value; give the exact value to match");
      }
      if (value.length() > MAX_VALUE_LENGTH) {
        throw new LookupException(LookupError.INVALID_LOOKUP_ATTRIBUTES,
            "the value of lookup attribute " + key.wireName() + " is " + value.length()
                + " characters long; at most " + MAX_VALUE_LENGTH + " are allowed");
      }
    }
    int max = request.maxResults().orElse(LookupRequest.DEFAULT_MAX_RESULTS);
    if (max < 1 || max > MAX_RESULTS_LIMIT) {
      throw new LookupException(LookupError.INVALID_MAX_RESULTS,
          "MaxResults must be between 1 and " + MAX_RESULTS_LIMIT + ", but was " + max);
    }
    Instant start = request.startTime().orElse(now.minus(retention));
    Instant end = request.endTime().orElse(now);
    if (start.isAfter(end)) {
      throw new LookupException(LookupError.INVALID_TIME_RANGE,
          "StartTime " + start + (request.startTime().isEmpty() ? " (the default, 90 days ago)" : "")
              + " is after EndTime " + end + (request.endTime().isEmpty() ? " (the default, now)" : "")
              + "; StartTime must be on or before EndTime");
    }
    // Only what the caller sent is part of the token's filter: the defaults move with the clock between pages.
    String filterHash = NextTokens.filterHash(key == null ? null : key.wireName(), value,
        request.startTime().map(Instant::toString).orElse(null), request.endTime().map(Instant::toString).orElse(null),
        request.scope().canonical());
    Optional<PageCursor> cursor = Optional.empty();
    if (request.nextToken().isPresent()) {
      cursor = Optional.of(NextTokens.decode(request.nextToken().get(), filterHash));
    }
    long oldestKept = now.minus(retention).getEpochSecond();
    long from = Math.max(oldestKept, start.getEpochSecond() + (start.getNano() > 0 ? 1 : 0));
    long to = end.getEpochSecond();
    if (cursor.isPresent()) {
      to = Math.min(to, cursor.get().eventTime());
    }
    return new ValidatedLookup(key, value, from, to, max, cursor, request.scope(), filterHash);
  }
}
