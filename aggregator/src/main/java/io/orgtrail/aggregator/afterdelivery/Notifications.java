package io.orgtrail.aggregator.afterdelivery;

import io.orgtrail.notify.Notifier;
import java.util.List;

/** Tells the configured webhooks about each delivered log file (SNS shape) and each event a rule matches. */
public final class Notifications implements DeliveryConsumer {
  private final Notifier notifier;
  private final boolean matchesEvents;

  /** @param matchesEvents whether there are rules: without them, files are not decompressed for this */
  public Notifications(Notifier notifier, boolean matchesEvents) {
    this.notifier = notifier;
    this.matchesEvents = matchesEvents;
  }

  @Override
  public String name() {
    return "notifications";
  }

  @Override
  public void accept(DeliveredLogFile file, DeliveredRecords records) {
    notifier.logFileDurable(file.bucket(), file.key(), matchesEvents ? records.records() : List.of());
  }
}
