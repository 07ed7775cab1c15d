package io.orgtrail.cli.history;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.orgtrail.cli.ExitCodes;
import io.orgtrail.cli.UserFacingException;
import io.orgtrail.cli.aggregator.AggregatorSettings;
import io.orgtrail.cli.config.Times;
import io.orgtrail.cli.config.YamlFiles;
import io.orgtrail.history.AccountScope;
import io.orgtrail.history.EventHistory;
import io.orgtrail.history.HistoryEvent;
import io.orgtrail.history.HistoryResource;
import io.orgtrail.history.LookupException;
import io.orgtrail.history.LookupPage;
import io.orgtrail.history.LookupRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
    name = "lookup-events",
    mixinStandardHelpOptions = true,
    description = {
      "Finds management events of the last 90 days in the event history, newest first, as 'aws cloudtrail "
          + "lookup-events' does (the same options and output), reading the aggregator's index on this machine: "
          + "every account's events, or those of --account-id.",
      "The aggregator keeps the history when its configuration says eventHistory: true. Member admins use 'aws "
          + "cloudtrail lookup-events' against the aggregator's API with their own credentials instead.",
      "Exit codes: 0 events printed (possibly none), 1 the history cannot be read, 2 bad usage."
    })
public final class LookupEventsCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--config", description = "The aggregator's YAML configuration file (finds the history).")
  Path config;

  @Option(names = "--history-dir", description = "The event history directory. Default: the one of --config, "
      + "else ./orgtrail-data/event-history.")
  Path historyDir;

  @Option(names = "--lookup-attributes", paramLabel = "AttributeKey=K,AttributeValue=V",
      description = "At most one: EventId, EventName, ReadOnly, Username, ResourceType, ResourceName, EventSource "
          + "or AccessKeyId, e.g. AttributeKey=EventName,AttributeValue=DeleteTable.")
  List<String> lookupAttributes = new ArrayList<>();

  @Option(names = "--start-time", description = "Events at or after this UTC time, e.g. 2026-11-20T00:00:00Z. "
      + "Default 90 days ago.")
  String startTime;

  @Option(names = "--end-time", description = "Events at or before this UTC time. Default now.")
  String endTime;

  @Option(names = "--max-results", description = "Events per page, 1 to 50. Default 50.")
  Integer maxResults;

  @Option(names = "--next-token", description = "The NextToken of the previous page, with the same filter.")
  String nextToken;

  @Option(names = "--account-id", split = ",", description = "Only these accounts' events. Default every account.")
  List<String> accounts = new ArrayList<>();

  @Override
  public Integer call() throws Exception {
    AggregatorSettings file = YamlFiles.read(config, AggregatorSettings.class, AggregatorSettings.EMPTY);
    Path dir = HistoryLocation.of(file, historyDir, historyDir != null);
    if (!Files.isRegularFile(dir.resolve(EventHistory.DATABASE_FILE))) {
      throw new UserFacingException("there is no event history in " + dir + ": the aggregator keeps one when its "
          + "configuration says eventHistory: true (then 'orgtrail history rebuild --config ...' fills it from the "
          + "bucket); or name it with --history-dir");
    }
    LookupRequest.Builder request = LookupRequest.builder(accounts.isEmpty() ? AccountScope.all()
        : AccountScope.accounts(Set.copyOf(accounts)));
    for (String attribute : lookupAttributes) {
      String[] kv = attributeOf(attribute);
      request.attribute(kv[0], kv[1]);
    }
    if (startTime != null) {
      request.startTime(Times.parse(startTime, "--start-time"));
    }
    if (endTime != null) {
      request.endTime(Times.parse(endTime, "--end-time"));
    }
    request.maxResults(maxResults).nextToken(nextToken);
    LookupPage page;
    try (EventHistory history = EventHistory.open(dir, Clock.systemUTC())) {
      page = history.lookup(request.build());
    } catch (LookupException e) {
      throw new IllegalArgumentException(e.errorCode() + ": " + e.getMessage());
    }
    ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    spec.commandLine().getOut().println(json.writeValueAsString(render(page, json)));
    return ExitCodes.OK;
  }

  /** {@code AttributeKey=EventName,AttributeValue=DeleteTable}, the AWS CLI's shorthand. */
  private static String[] attributeOf(String text) {
    String key = null;
    String value = null;
    for (String part : text.split(",", 2)) {
      if (part.startsWith("AttributeKey=")) {
        key = part.substring("AttributeKey=".length());
      } else if (part.startsWith("AttributeValue=")) {
        value = part.substring("AttributeValue=".length());
      }
    }
    if (key == null || value == null) {
      throw new IllegalArgumentException("--lookup-attributes '" + text + "' must be AttributeKey=<key>,"
          + "AttributeValue=<value>, e.g. AttributeKey=EventName,AttributeValue=DeleteTable");
    }
    return new String[] {key, value};
  }

  /** The AWS CLI's output of LookupEvents: times as ISO-8601 with an offset, the event as a JSON string. */
  private static ObjectNode render(LookupPage page, ObjectMapper json) {
    ObjectNode out = json.createObjectNode();
    ArrayNode events = out.putArray("Events");
    for (HistoryEvent e : page.events()) {
      ObjectNode n = events.addObject();
      n.put("EventId", e.eventId());
      n.put("EventName", e.eventName());
      if (e.readOnly() != null) {
        n.put("ReadOnly", e.readOnly());
      }
      if (e.accessKeyId() != null) {
        n.put("AccessKeyId", e.accessKeyId());
      }
      n.put("EventTime", e.eventTime().atOffset(ZoneOffset.UTC).toString());
      n.put("EventSource", e.eventSource());
      if (e.username() != null) {
        n.put("Username", e.username());
      }
      ArrayNode resources = n.putArray("Resources");
      for (HistoryResource r : e.resources()) {
        ObjectNode rn = resources.addObject();
        rn.put("ResourceType", r.resourceType());
        rn.put("ResourceName", r.resourceName());
      }
      n.put("CloudTrailEvent", e.cloudTrailEvent());
    }
    page.nextToken().ifPresent(t -> out.put("NextToken", t));
    return out;
  }
}
