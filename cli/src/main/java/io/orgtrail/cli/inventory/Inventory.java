package io.orgtrail.cli.inventory;

import io.orgtrail.cli.inventory.DeliveredLogs.DeliveredRecord;
import io.orgtrail.cli.inventory.DeliveredLogs.LogFileContent;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** What a trail delivered, with the counts people ask for first. */
public record Inventory(List<LogFileContent> files, List<String> problems) {

  /** Files and events per (account, region), sorted. */
  public Map<String, Map<String, int[]>> filesAndEventsByAccountAndRegion() {
    Map<String, Map<String, int[]>> out = new TreeMap<>();
    for (LogFileContent f : files) {
      int[] c = out.computeIfAbsent(f.account(), a -> new TreeMap<>()).computeIfAbsent(f.region(), r -> new int[2]);
      c[0]++;
      c[1] += f.records().size();
    }
    return out;
  }

  public int eventCount() {
    return files.stream().mapToInt(f -> f.records().size()).sum();
  }

  /** How many times each eventID was delivered. */
  public Map<String, Integer> deliveriesByEventId() {
    Map<String, Integer> seen = new HashMap<>();
    for (LogFileContent f : files) {
      for (DeliveredRecord r : f.records()) {
        seen.merge(r.eventId(), 1, Integer::sum);
      }
    }
    return seen;
  }

  /** Records whose own account or region differs from the prefix they were delivered under. */
  public List<String> misplacedRecords() {
    List<String> out = new ArrayList<>();
    for (LogFileContent f : files) {
      for (DeliveredRecord r : f.records()) {
        if (!f.account().equals(r.recipientAccountId()) || !f.region().equals(r.awsRegion())) {
          out.add(r.eventId() + " (account " + r.recipientAccountId() + ", region " + r.awsRegion() + ") in " + f.key());
        }
      }
    }
    return out;
  }
}
