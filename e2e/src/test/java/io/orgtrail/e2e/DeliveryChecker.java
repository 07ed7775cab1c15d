package io.orgtrail.e2e;

import io.orgtrail.cli.inventory.DeliveredLogs;
import io.orgtrail.cli.inventory.Inventory;
import io.orgtrail.format.digest.PublicKeyInfo;
import io.orgtrail.format.layout.TrailLayout;
import io.orgtrail.format.layout.TrailName;
import io.orgtrail.integrity.LogValidator;
import io.orgtrail.integrity.ValidationReport;
import io.orgtrail.integrity.ValidationRequest;
import io.orgtrail.store.ObjectStore;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The independent judge of delivery: reads every log file in the store (not the processes' counters) and compares
 * it with what the sources were told was accepted. An event a source was told was accepted must be delivered
 * exactly once; an event whose call went unanswered (the agent died under it) may be delivered at most once.
 */
final class DeliveryChecker {
  /** What the store holds against what the sources were promised. */
  record Verdict(long accepted, long delivered, long lost, long duplicated, long unconfirmedDelivered,
      List<String> lostSample, List<String> duplicatedSample, List<String> misplaced, boolean chainsValid,
      List<String> chainProblems) {
    boolean clean() {
      return lost == 0 && duplicated == 0 && misplaced.isEmpty() && chainsValid;
    }

    String line(String scenario) {
      return String.format("%s: accepted %,d, delivered %,d, lost %d, duplicated %d (unconfirmed calls delivered: %,d); "
          + "digest chains %s", scenario, accepted, delivered, lost, duplicated, unconfirmedDelivered,
          chainsValid ? "valid" : "INVALID " + chainProblems);
    }
  }

  private final ObjectStore store;
  private final TrailLayout layout;
  private final TrailName trail;

  DeliveryChecker(ObjectStore store, TrailLayout layout, TrailName trail) {
    this.store = store;
    this.layout = layout;
    this.trail = trail;
  }

  Verdict check(Collection<String> acceptedEventIds, List<PublicKeyInfo> keys, Instant start, Instant end)
      throws Exception {
    Inventory inventory = new DeliveredLogs().read(store, layout.prefix() + "AWSLogs/");
    Map<String, Integer> deliveries = inventory.deliveriesByEventId();
    Set<String> accepted = Set.copyOf(acceptedEventIds);
    List<String> lost = accepted.stream().filter(id -> !deliveries.containsKey(id)).sorted().toList();
    List<String> duplicated = deliveries.entrySet().stream().filter(e -> e.getValue() > 1).map(Map.Entry::getKey)
        .sorted().toList();
    long delivered = accepted.stream().filter(deliveries::containsKey).count();
    long unconfirmed = deliveries.keySet().stream().filter(id -> !accepted.contains(id)).count();
    ValidationReport report = LogValidator.builder().store(store).layout(layout).trail(trail).publicKeys(keys).build()
        .validate(ValidationRequest.all(start, end));
    List<String> misplaced = new java.util.ArrayList<>(inventory.problems());
    misplaced.addAll(inventory.misplacedRecords());
    return new Verdict(accepted.size(), delivered, lost.size(), duplicated.size(), unconfirmed,
        lost.stream().limit(5).toList(), duplicated.stream().limit(5).toList(), misplaced, report.isClean(),
        report.errors().stream().limit(5).map(Object::toString).toList());
  }
}
