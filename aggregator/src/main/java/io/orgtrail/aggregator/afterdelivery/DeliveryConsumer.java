package io.orgtrail.aggregator.afterdelivery;

/**
 * Work that follows the delivery of a log file (the event history, notifications, rules). It runs on
 * {@link AfterDelivery}'s thread, never on the writer threads, so that nothing it does delays an acknowledgement.
 */
public interface DeliveryConsumer {
  /** Names the consumer in logs and counters, e.g. {@code event-history}. */
  String name();

  /** Throwing is logged with the file's key and counted; the other consumers and later files go on. */
  void accept(DeliveredLogFile file, DeliveredRecords records) throws Exception;
}
