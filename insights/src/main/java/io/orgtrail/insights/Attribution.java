package io.orgtrail.insights;

import java.util.List;

/**
 * One entry of {@code insightContext.attributions}: the values of one field ({@code attribute}, e.g. "errorCode")
 * that contributed to the unusual activity ({@code insight}) and to the baseline ({@code baseline}).
 */
public record Attribution(String attribute, List<AttributionValue> insight, List<AttributionValue> baseline) {
  public Attribution {
    insight = List.copyOf(insight);
    baseline = List.copyOf(baseline);
  }
}
