package io.orgtrail.e2e;

import io.orgtrail.cli.inventory.DeliveredLogs;
import io.orgtrail.cli.inventory.DeliveredLogs.LogFileContent;
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
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The independent judge of delivery: reads every log file in the store (not the processes' counters) and compares
 * it with what the sources were told was accepted. An event a source was told was accepted must be delivered
 * exactly once; an event whose call went unanswered (the agent died under it) may be delivered at most once.
 *
 * <p>Log files are never rewritten, so each is read once: a checker asked again only reads the files that are new
 * since (a long chaos run checks many times over tens of thousands of files).
 */
public final class DeliveryChecker {
  /** What the store holds against what the sources were promised. {@code chainsValid} is null when not checked. */
  public record Verdict(long accepted, long delivered, long lost, long duplicated, long unconfirmedDelivered,
      long logFiles, List<String> lostSample, List<String> duplicatedSample, List<String> misplaced,
      Boolean chainsValid, List<String> chainProblems) {
    public boolean clean() {
      return lost == 0 && duplicated == 0 && misplaced.isEmpty() && !Boolean.FALSE.equals(chainsValid);
    }

    public String line(String scenario) {
      return String.format("%s: accepted %,d, delivered %,d, lost %d, duplicated %d (unconfirmed calls delivered: %,d); "
          + "%,d log files; digest chains %s", scenario, accepted, delivered, lost, duplicated, unconfirmedDelivered,
          logFiles, chainsValid == null ? "checked separately" : chainsValid ? "valid" : "INVALID " + chainProblems);
    }
  }

  private final ObjectStore store;
  private final TrailLayout layout;
  private final TrailName trail;
  private final DeliveredLogs reader = new DeliveredLogs();
  private final Map<String, LogFileContent> read = new LinkedHashMap<>();
  private final Map<String, Integer> deliveries = new HashMap<>();
  private final Set<String> misplaced = new LinkedHashSet<>(); // a bad key is reported by every look; once here

  public DeliveryChecker(ObjectStore store, TrailLayout layout, TrailName trail) {
    this.store = store;
    this.layout = layout;
    this.trail = trail;
  }

  /** Delivery only: every accepted event exactly once, every record in its own account's files. */
  public synchronized Verdict check(Collection<String> acceptedEventIds) throws Exception {
    return verdict(acceptedEventIds, null, List.of());
  }

  /** Delivery, and every digest chain validated in this process over [start, end]. */
  public synchronized Verdict check(Collection<String> acceptedEventIds, List<PublicKeyInfo> keys, Instant start,
      Instant end) throws Exception {
    ValidationReport report = LogValidator.builder().store(store).layout(layout).trail(trail).publicKeys(keys).build()
        .validate(ValidationRequest.all(start, end));
    return verdict(acceptedEventIds, report.isClean(),
        report.errors().stream().limit(5).map(Object::toString).toList());
  }

  /** The log files read so far, by key. */
  public synchronized List<LogFileContent> logFiles() {
    return List.copyOf(read.values());
  }

  private Verdict verdict(Collection<String> acceptedEventIds, Boolean chainsValid, List<String> chainProblems)
      throws Exception {
    Inventory fresh = reader.read(store, layout.prefix() + "AWSLogs/", read::containsKey);
    fresh.files().forEach(f -> read.put(f.key(), f));
    fresh.deliveriesByEventId().forEach((id, n) -> deliveries.merge(id, n, Integer::sum));
    misplaced.addAll(fresh.problems());
    misplaced.addAll(fresh.misplacedRecords());

    Set<String> accepted = Set.copyOf(acceptedEventIds);
    List<String> lost = accepted.stream().filter(id -> !deliveries.containsKey(id)).sorted().toList();
    List<String> duplicated = deliveries.entrySet().stream().filter(e -> e.getValue() > 1).map(Map.Entry::getKey)
        .sorted().toList();
    long delivered = accepted.stream().filter(deliveries::containsKey).count();
    long unconfirmed = deliveries.keySet().stream().filter(id -> !accepted.contains(id)).count();
    return new Verdict(accepted.size(), delivered, lost.size(), duplicated.size(), unconfirmed, read.size(),
        lost.stream().limit(5).toList(), duplicated.stream().limit(5).toList(), List.copyOf(misplaced), chainsValid,
        chainProblems);
  }
}
