package io.orgtrail.aggregator.ingest;

import io.orgtrail.format.record.CheckedRecord;
import io.orgtrail.format.record.InvalidRecordException;
import io.orgtrail.format.record.RecordFields;
import io.orgtrail.format.record.RecordProblem;
import io.orgtrail.format.record.RecordRules;
import io.orgtrail.proto.v1.EventProblem;
import io.orgtrail.proto.v1.EventRejection;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import io.orgtrail.selectors.filter.EventFilter;

/**
 * The checks on each event, for the account the agent is enrolled for (never an account the batch names): well
 * formed, required fields, size, recipientAccountId, and a region that is safe as a key segment.
 */
final class EventScreen {
  private final RecordRules rules;
  private final IngestCounters counters;
  private final Supplier<EventFilter> selectors;

  /** @param selectors the trail's event selectors as they are now (they change while the aggregator runs) */
  EventScreen(RecordRules rules, IngestCounters counters, Supplier<EventFilter> selectors) {
    this.rules = rules;
    this.counters = counters;
    this.selectors = selectors;
  }

  ScreenedEvents check(String account, List<byte[]> events) {
    List<AcceptedEvent> accepted = new ArrayList<>(events.size());
    List<EventRejection> rejections = List.of();
    long bytes = 0;
    Route route = null;
    // One Route per region in a batch, so that the router, which meets them event by event, compares references.
    Map<String, Route> routes = new HashMap<>(4);
    EventFilter filter = selectors.get();
    int filtered = 0;
    for (int i = 0; i < events.size(); i++) {
      byte[] event = events.get(i);
      try {
        CheckedRecord checked = rules.checkTimed(event, account);
        RecordFields f = checked.fields();
        RecordRules.requireEventId(f);
        // After the checks: a bad record is refused with its error whatever the selectors say. An agent that has
        // the selectors dropped these already; this catches those that do not have them yet.
        if (!filter.selects(event)) {
          filtered++;
          continue;
        }
        if (route == null || !route.region().equals(f.awsRegion())) {
          route = routes.computeIfAbsent(f.awsRegion(), region -> new Route(account, region));
        }
        accepted.add(new AcceptedEvent(i, event, checked.eventTime(), route));
        bytes += event.length;
      } catch (InvalidRecordException e) {
        if (rejections.isEmpty()) {
          rejections = new ArrayList<>();
        }
        EventProblem problem = map(e.problem());
        counters.eventRejected(problem);
        rejections.add(EventRejection.newBuilder().setIndex(i).setProblem(problem).setMessage(e.getMessage()).build());
      }
    }
    counters.eventsFiltered.add(filtered);
    return new ScreenedEvents(accepted, rejections, bytes, filtered);
  }

  static EventProblem map(RecordProblem p) {
    return switch (p) {
      case MALFORMED_JSON -> EventProblem.MALFORMED_JSON;
      case MISSING_FIELD -> EventProblem.MISSING_FIELD;
      case EVENT_TOO_LARGE -> EventProblem.EVENT_TOO_LARGE;
      case WRONG_ACCOUNT -> EventProblem.WRONG_ACCOUNT;
      case INVALID_REGION -> EventProblem.INVALID_REGION;
      case INVALID_FIELD -> EventProblem.INVALID_FIELD;
    };
  }
}
