package io.orgtrail.aggregator.afterdelivery;

import io.orgtrail.history.EventHistory;

/** Adds each delivered log file's management events to the event history (LookupEvents). */
public final class HistoryIndexing implements DeliveryConsumer {
  private final EventHistory history;

  public HistoryIndexing(EventHistory history) {
    this.history = history;
  }

  @Override
  public String name() {
    return "event-history";
  }

  @Override
  public void accept(DeliveredLogFile file, DeliveredRecords records) throws Exception {
    history.index(file.key(), file.content().gzipped());
  }
}
