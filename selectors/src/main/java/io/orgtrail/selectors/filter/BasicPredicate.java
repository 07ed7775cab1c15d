package io.orgtrail.selectors.filter;

import io.orgtrail.selectors.DataResource;
import io.orgtrail.selectors.EventSelector;
import io.orgtrail.selectors.ReadWriteType;
import java.util.List;
import java.util.Set;

/**
 * A basic event selector: management events by {@code IncludeManagementEvents}, {@code ReadWriteType} and
 * {@code ExcludeManagementEventSources}; data events by {@code DataResources} and {@code ReadWriteType}. Other
 * categories (NetworkActivity) are never taken by basic selectors, as in CloudTrail.
 */
final class BasicPredicate implements EventPredicate {
  private final ReadWriteType readWrite;
  private final boolean management;
  private final Set<String> excludedSources;
  private final List<ResourceMatcher> resources;

  BasicPredicate(EventSelector selector) {
    this.readWrite = selector.readWriteType();
    this.management = selector.includeManagementEvents();
    this.excludedSources = Set.copyOf(selector.excludeManagementEventSources());
    this.resources = selector.dataResources().stream()
        .flatMap(r -> r.values().stream().map(v -> new ResourceMatcher(r.type(), v)))
        .toList();
  }

  @Override
  public boolean test(EventFacts event) {
    if (!readWrite.accepts(event.readOnly())) {
      return false;
    }
    return switch (event.category()) {
      case EventFacts.MANAGEMENT -> management
          && (event.eventSource() == null || !excludedSources.contains(event.eventSource()));
      case EventFacts.DATA -> anyResource(event.resources());
      default -> false;
    };
  }

  private boolean anyResource(List<ResourceRef> refs) {
    for (ResourceRef ref : refs) {
      for (ResourceMatcher matcher : resources) {
        if (matcher.matches(ref)) {
          return true;
        }
      }
    }
    return false;
  }

  @Override
  public Needs needs() {
    return new Needs(!excludedSources.isEmpty(), false, false, false, !resources.isEmpty());
  }

  /**
   * One {@code DataResources} value. {@code arn:<partition>:<service>} (and {@code arn:<partition>:s3:::}) takes
   * every resource of the type; an S3 value is a prefix of object ARNs ({@code arn:aws:s3:::bucket/} for a bucket,
   * {@code arn:aws:s3:::bucket/logs/} for a key prefix); a Lambda function or DynamoDB table value names that one
   * function (and its versions and aliases, {@code name:qualifier}) or table (and its sub-resources,
   * {@code table/name/...}), not every name it is a prefix of.
   */
  private record ResourceMatcher(String type, String value, boolean everything) {
    ResourceMatcher(String type, String value) {
      this(type, value, value.chars().filter(c -> c == ':').count() == 2 || value.endsWith(":s3:::"));
    }

    boolean matches(ResourceRef ref) {
      if (!type.equals(ref.type())) {
        return false;
      }
      if (everything) {
        return true;
      }
      String arn = ref.arn();
      if (arn == null) {
        return false;
      }
      return switch (type) {
        case DataResource.S3_OBJECT -> arn.startsWith(value);
        case DataResource.LAMBDA_FUNCTION -> named(arn, ':');
        default -> named(arn, '/');
      };
    }

    private boolean named(String arn, char separator) {
      return arn.startsWith(value) && (arn.length() == value.length() || arn.charAt(value.length()) == separator);
    }
  }
}
