package io.orgtrail.selectors;

import java.util.List;

/** CloudTrail's {@code EventSelectors}: at most 5; an event is logged when any selector takes it. */
public record BasicSelectors(List<EventSelector> selectors) implements TrailSelectors {
  public BasicSelectors {
    selectors = List.copyOf(selectors);
  }

  public static BasicSelectors of(EventSelector... selectors) {
    return new BasicSelectors(List.of(selectors));
  }
}
