package io.orgtrail.selectors;

import java.util.List;
import java.util.Optional;

/** One advanced event selector: an optional {@code Name} and field selectors that must all hold. */
public record AdvancedEventSelector(Optional<String> name, List<FieldSelector> fieldSelectors) {

  public AdvancedEventSelector {
    name = name == null ? Optional.empty() : name;
    fieldSelectors = List.copyOf(fieldSelectors);
  }

  public static AdvancedEventSelector of(FieldSelector... fieldSelectors) {
    return new AdvancedEventSelector(Optional.empty(), List.of(fieldSelectors));
  }

  public static AdvancedEventSelector named(String name, FieldSelector... fieldSelectors) {
    return new AdvancedEventSelector(Optional.of(name), List.of(fieldSelectors));
  }
}
