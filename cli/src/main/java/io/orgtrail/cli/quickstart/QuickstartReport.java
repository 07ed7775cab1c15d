package io.orgtrail.cli.quickstart;

import io.orgtrail.cli.inventory.Inventory;
import java.io.PrintWriter;
import java.util.Map;

/** The table a newcomer reads at the end of the quickstart, and the checks behind its last line. */
final class QuickstartReport {
  private final Inventory inventory;
  private final long accepted;
  private final long refusedAtIntake;
  private final long refusedByAggregator;
  private final long filteredAtAgents;
  private final long filteredByAggregator;
  private final QuickstartCommand.Workspace workspace;

  QuickstartReport(
      Inventory inventory, long accepted, long refusedAtIntake, long refusedByAggregator, long filteredAtAgents,
      long filteredByAggregator,
      QuickstartCommand.Workspace workspace) {
    this.inventory = inventory;
    this.accepted = accepted;
    this.refusedAtIntake = refusedAtIntake;
    this.refusedByAggregator = refusedByAggregator;
    this.filteredAtAgents = filteredAtAgents;
    this.filteredByAggregator = filteredByAggregator;
    this.workspace = workspace;
  }

  /** Prints the report; true when every accepted event was delivered exactly once under its own prefix. */
  boolean print(PrintWriter out) {
    out.println();
    out.printf("%-14s %-22s %7s %8s%n", "ACCOUNT", "REGION", "FILES", "EVENTS");
    for (Map.Entry<String, Map<String, int[]>> account : inventory.filesAndEventsByAccountAndRegion().entrySet()) {
      for (Map.Entry<String, int[]> region : account.getValue().entrySet()) {
        out.printf("%-14s %-22s %7d %8d%n", account.getKey(), region.getKey(), region.getValue()[0], region.getValue()[1]);
      }
    }
    int files = inventory.files().size();
    int events = inventory.eventCount();
    out.printf("%-14s %-22s %7d %8d%n", "total", "", files, events);
    out.println();

    long duplicated = inventory.deliveriesByEventId().values().stream().filter(n -> n > 1).count();
    var misplaced = inventory.misplacedRecords();
    out.printf("accepted by the agents: %,d events (%,d refused at intake, %,d refused by the aggregator); "
        + "%,d left out by the trail's event selectors (data events: off by default, as in CloudTrail)%n",
        accepted, refusedAtIntake, refusedByAggregator, filteredAtAgents + filteredByAggregator);
    out.printf("delivered: %,d events in %,d log files; duplicated eventIDs: %d; records under a wrong prefix: %d%n",
        events, files, duplicated, misplaced.size());
    inventory.problems().forEach(p -> out.println("problem: " + p));
    misplaced.stream().limit(5).forEach(m -> out.println("misplaced: " + m));

    out.println();
    out.printf("the bucket (local store): %s%n", workspace.bucket().toAbsolutePath());
    if (!inventory.files().isEmpty()) {
      String example = inventory.files().get(0).key();
      out.printf("  e.g. %s%n", example);
      out.printf("  read one: zcat %s | head -c 600%n", workspace.bucket().toAbsolutePath().resolve(example));
    }
    // Events the aggregator's selectors left out were accepted (and acknowledged) by an agent that did not know the
    // selectors yet; those the agents left out were never accepted.
    boolean ok = events == accepted - refusedByAggregator - filteredByAggregator && duplicated == 0 && misplaced.isEmpty() && inventory.problems().isEmpty();
    out.println(ok
        ? "OK: every accepted event was delivered exactly once, under its own account and region."
        : "FAILED: what was delivered does not match what was accepted (see above).");
    out.flush();
    return ok;
  }
}
