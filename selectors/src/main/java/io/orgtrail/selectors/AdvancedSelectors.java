package io.orgtrail.selectors;

import java.util.List;

/**
 * CloudTrail's {@code AdvancedEventSelectors}: an event is logged when any selector takes it, and a selector takes it
 * when all its field selectors hold. At most 500 condition values in all.
 */
public record AdvancedSelectors(List<AdvancedEventSelector> selectors) implements TrailSelectors {
  public AdvancedSelectors {
    selectors = List.copyOf(selectors);
  }

  public static AdvancedSelectors of(AdvancedEventSelector... selectors) {
    return new AdvancedSelectors(List.of(selectors));
  }
}
