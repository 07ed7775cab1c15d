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

/**
 * The checks on each event, for the account the agent is enrolled for (never an account the batch names): well
 * formed, required fields, size, recipientAccountId, and a region that is safe as a key segment.
 */
final class EventScreen {
  private final RecordRules rules;
  private final IngestCounters counters;

  EventScreen(RecordRules rules, IngestCounters counters) {
    this.rules = rules;
    this.counters = counters;
  }

  ScreenedEvents check(String account, List<byte[]> events) {
    List<AcceptedEvent> accepted = new ArrayList<>(events.size());
    List<EventRejection> rejections = List.of();
    long bytes = 0;
    Route route = null;
    // One Route per region in a batch, so that the router, which meets them event by event, compares references.
    Map<String, Route> routes = new HashMap<>(4);
    for (int i = 0; i < events.size(); i++) {
      byte[] event = events.get(i);
      try {
        CheckedRecord checked = rules.checkTimed(event, account);
        RecordFields f = checked.fields();
        RecordRules.requireEventId(f);
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
    return new ScreenedEvents(accepted, rejections, bytes);
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
