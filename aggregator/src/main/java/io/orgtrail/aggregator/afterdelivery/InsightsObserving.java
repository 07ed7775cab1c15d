package io.orgtrail.aggregator.afterdelivery;

import io.orgtrail.insights.delivery.InsightsDelivery;

/** Feeds every delivered log file's events to CloudTrail Insights' detector (see {@link InsightsDelivery}). */
public final class InsightsObserving implements DeliveryConsumer {
  private final InsightsDelivery insights;

  public InsightsObserving(InsightsDelivery insights) {
    this.insights = insights;
  }

  @Override
  public String name() {
    return "insights";
  }

  @Override
  public void accept(DeliveredLogFile file, DeliveredRecords records) {
    insights.observe(records.records());
  }
}
