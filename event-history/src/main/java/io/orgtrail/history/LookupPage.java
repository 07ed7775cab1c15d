package io.orgtrail.history;

import java.util.List;
import java.util.Optional;

/** One page of a lookup, newest first; {@code nextToken} is present when more events match. */
public record LookupPage(List<HistoryEvent> events, Optional<String> nextToken) {

  public LookupPage {
    events = List.copyOf(events);
  }
}
