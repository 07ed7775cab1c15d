package io.orgtrail.cloudtrailapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.orgtrail.cloudtrailapi.auth.ApiCaller;
import io.orgtrail.cloudtrailapi.auth.SigV4Verifier;
import io.orgtrail.history.AccountScope;
import io.orgtrail.history.EventHistory;
import io.orgtrail.history.EventHistoryException;
import io.orgtrail.history.HistoryEvent;
import io.orgtrail.history.HistoryResource;
import io.orgtrail.history.LookupException;
import io.orgtrail.history.LookupPage;
import io.orgtrail.history.LookupRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * LookupEvents over the event history: the organization's management events of the last 90 days, newest first, one
 * lookup attribute at most, 50 per page. Unlike the metadata operations it shows events, so the request must be
 * signed (SigV4) with a key orgtrail knows: the platform's keys see every account, a member's issued credentials
 * see that account only.
 */
final class LookupEventsOperation implements Operation {
  private static final Logger log = LoggerFactory.getLogger(LookupEventsOperation.class);

  private final EventHistory history;
  private final SigV4Verifier verifier;

  LookupEventsOperation(EventHistory history, SigV4Verifier verifier) {
    this.history = history;
    this.verifier = verifier;
  }

  @Override
  public ObjectNode handle(ApiRequest request) {
    ApiCaller caller = SignedCaller.of(request, verifier);
    AccountScope scope = caller.seesEveryAccount() ? AccountScope.all() : AccountScope.accounts(caller.accounts());
    LookupRequest.Builder lookup = LookupRequest.builder(scope);
    JsonNode attributes = request.body().get("LookupAttributes");
    if (attributes != null && !attributes.isNull()) {
      if (!attributes.isArray()) {
        throw ApiException.serialization("member LookupAttributes must be a list of {AttributeKey, AttributeValue}");
      }
      for (JsonNode a : attributes) {
        lookup.attribute(a.path("AttributeKey").asText(null), a.path("AttributeValue").asText(null));
      }
    }
    request.time("StartTime").ifPresent(lookup::startTime);
    request.time("EndTime").ifPresent(lookup::endTime);
    request.integer("MaxResults").ifPresent(lookup::maxResults);
    request.string("NextToken").ifPresent(lookup::nextToken);
    request.string("EventCategory").ifPresent(c -> {
      throw ApiException.of("InvalidEventCategoryException", "EventCategory '" + c + "' is not available: the "
          + "event history holds management events; leave EventCategory out");
    });
    LookupPage page;
    try {
      page = history.lookup(lookup.build());
    } catch (LookupException e) {
      throw ApiException.of(e.errorCode(), e.getMessage());
    } catch (EventHistoryException e) {
      log.warn("LookupEvents by {} failed: {}", caller.name(), e.toString());
      throw new ApiException(500, "InternalFailure", "the event history cannot be read right now; try again");
    }
    ObjectNode response = AwsJson.MAPPER.createObjectNode();
    ArrayNode events = response.putArray("Events");
    for (HistoryEvent e : page.events()) {
      ObjectNode n = events.addObject();
      n.put("EventId", e.eventId());
      n.put("EventName", e.eventName());
      AwsJson.putIfPresent(n, "ReadOnly", e.readOnly());
      AwsJson.putIfPresent(n, "AccessKeyId", e.accessKeyId());
      AwsJson.putTime(n, "EventTime", e.eventTime());
      n.put("EventSource", e.eventSource());
      AwsJson.putIfPresent(n, "Username", e.username());
      ArrayNode resources = n.putArray("Resources");
      for (HistoryResource r : e.resources()) {
        ObjectNode rn = resources.addObject();
        AwsJson.putIfPresent(rn, "ResourceType", r.resourceType());
        AwsJson.putIfPresent(rn, "ResourceName", r.resourceName());
      }
      n.put("CloudTrailEvent", e.cloudTrailEvent());
    }
    page.nextToken().ifPresent(t -> response.put("NextToken", t));
    return response;
  }
}
