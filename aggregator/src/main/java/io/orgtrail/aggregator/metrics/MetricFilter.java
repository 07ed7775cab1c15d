package io.orgtrail.aggregator.metrics;

import io.orgtrail.notify.pattern.EventPattern;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A named EventBridge pattern counted over every delivered event (CloudWatch Logs' metric filter idea): the
 * count is {@code orgtrail_metric_filter_matches_total{filter="<name>"}}.
 *
 * @param name the {@code filter} label: letters, digits, {@code -}, {@code _}, {@code .}; unique
 * @param pattern matched against each event's EventBridge envelope, as notification rules are
 */
public record MetricFilter(String name, EventPattern pattern) {
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]{1,128}");

  public MetricFilter {
    Objects.requireNonNull(pattern, "pattern");
    if (name == null || !NAME.matcher(name).matches()) {
      throw new IllegalArgumentException("a metric filter name must be 1-128 letters, digits, '-', '_' or '.', "
          + "such as root-console-logins; not " + (name == null ? "missing" : "'" + name + "'"));
    }
  }
}
