package io.orgtrail.agent;

import io.orgtrail.format.layout.Region;
import java.util.List;

/**
 * What the event generator produces: {@code eventsPerSecond} realistic CloudTrail records spread over
 * {@code regions}, stopping after {@code count} events ({@code 0} = never stop).
 */
public record GeneratorSettings(double eventsPerSecond, long count, List<String> regions) {
  public GeneratorSettings {
    if (!(eventsPerSecond > 0) || Double.isInfinite(eventsPerSecond)) {
      throw new IllegalArgumentException(
          "generator rate must be above 0 events per second, got " + eventsPerSecond);
    }
    if (count < 0) {
      throw new IllegalArgumentException("generator count must be 0 (unbounded) or more, got " + count);
    }
    if (regions == null || regions.isEmpty()) {
      throw new IllegalArgumentException("the generator needs at least one region, such as us-east-1");
    }
    for (String r : regions) {
      Region.require(r);
    }
    regions = List.copyOf(regions);
  }

  public boolean unbounded() {
    return count == 0;
  }
}
