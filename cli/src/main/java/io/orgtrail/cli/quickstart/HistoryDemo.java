package io.orgtrail.cli.quickstart;

import io.orgtrail.history.AccountScope;
import io.orgtrail.history.EventHistory;
import io.orgtrail.history.HistoryEvent;
import io.orgtrail.history.LookupPage;
import io.orgtrail.history.LookupRequest;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

/**
 * The event history after the demo: how many management events of the last 90 days it holds (the recorded datasets
 * are older, so these are the generator's), the newest ones, and the command that looks them up.
 */
final class HistoryDemo {
  private final EventHistory history;
  private final Path dir;

  HistoryDemo(EventHistory history, Path dir) {
    this.history = history;
    this.dir = dir;
  }

  boolean print(PrintWriter out) throws Exception {
    long count = history.eventCount();
    out.printf("%nEvent history (LookupEvents: management events of the last 90 days; the recorded datasets are "
        + "older):%n  %,d events indexed in %s%n", count, dir.toAbsolutePath());
    if (count == 0) {
      out.println("  FAILED: nothing was indexed");
      return false;
    }
    LookupPage newest = history.lookup(LookupRequest.builder(AccountScope.all()).maxResults(50).build());
    Map<String, Integer> byName = new TreeMap<>();
    newest.events().forEach(e -> byName.merge(e.eventName(), 1, Integer::sum));
    String name = byName.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
    LookupPage found = history.lookup(LookupRequest.builder(AccountScope.all())
        .attribute("EventName", name).maxResults(3).build());
    out.printf("  the newest %s events:%n", name);
    for (HistoryEvent e : found.events()) {
      out.printf("    %s  %s  %s  account %s  by %s%n", e.eventTime(), e.eventName(), e.eventId(), e.accountId(),
          e.username());
    }
    out.printf("  orgtrail lookup-events --history-dir %s --lookup-attributes AttributeKey=EventName,AttributeValue=%s%n",
        dir.toAbsolutePath(), name);
    return !found.events().isEmpty();
  }
}
