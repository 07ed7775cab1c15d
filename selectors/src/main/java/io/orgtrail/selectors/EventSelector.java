package io.orgtrail.selectors;

import java.util.List;
import java.util.Objects;

/**
 * One basic event selector, as in CloudTrail's {@code EventSelectors}. The defaults are CloudTrail's: all
 * management events, no data events.
 */
public record EventSelector(
    ReadWriteType readWriteType,
    boolean includeManagementEvents,
    List<DataResource> dataResources,
    List<String> excludeManagementEventSources) {

  public EventSelector {
    Objects.requireNonNull(readWriteType, "readWriteType");
    dataResources = List.copyOf(dataResources);
    excludeManagementEventSources = List.copyOf(excludeManagementEventSources);
  }

  /** {@code {"ReadWriteType":"All","IncludeManagementEvents":true}}: what a new CloudTrail trail logs. */
  public static EventSelector allManagementEvents() {
    return new EventSelector(ReadWriteType.ALL, true, List.of(), List.of());
  }

  public EventSelector withReadWriteType(ReadWriteType type) {
    return new EventSelector(type, includeManagementEvents, dataResources, excludeManagementEventSources);
  }

  public EventSelector withIncludeManagementEvents(boolean include) {
    return new EventSelector(readWriteType, include, dataResources, excludeManagementEventSources);
  }

  public EventSelector withDataResources(DataResource... resources) {
    return new EventSelector(readWriteType, includeManagementEvents, List.of(resources), excludeManagementEventSources);
  }

  public EventSelector withExcludeManagementEventSources(String... sources) {
    return new EventSelector(readWriteType, includeManagementEvents, dataResources, List.of(sources));
  }
}
