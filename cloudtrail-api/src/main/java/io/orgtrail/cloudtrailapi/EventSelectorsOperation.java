package io.orgtrail.cloudtrailapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.orgtrail.cloudtrailapi.auth.ApiCaller;
import io.orgtrail.cloudtrailapi.auth.SigV4Verifier;
import io.orgtrail.selectors.InvalidEventSelectorsException;
import io.orgtrail.selectors.TrailSelectors;
import java.io.IOException;
import java.util.Iterator;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * GetEventSelectors and PutEventSelectors for the served trail ({@code TrailName}: its name or ARN). Put replaces the
 * selectors (basic or advanced, never both), takes effect at once on the aggregator and is pushed to every agent;
 * only a key that sees every account (the platform) may change them.
 */
final class EventSelectorsOperation implements Operation {
  private static final Logger log = LoggerFactory.getLogger(EventSelectorsOperation.class);

  private final TrailLookup lookup;
  private final EventSelectorsStore selectors;
  private final SigV4Verifier verifier;
  private final boolean put;

  EventSelectorsOperation(TrailLookup lookup, EventSelectorsStore selectors, SigV4Verifier verifier, boolean put) {
    this.lookup = lookup;
    this.selectors = selectors;
    this.verifier = verifier;
    this.put = put;
  }

  @Override
  public ObjectNode handle(ApiRequest request) {
    ApiCaller caller = SignedCaller.of(request, verifier);
    TrailDescription trail = lookup.require(request.string("TrailName").orElse(null));
    if (put) {
      if (!caller.seesEveryAccount()) {
        throw new ApiException(400, "AccessDeniedException", caller.name() + " may not change the trail's event "
            + "selectors: only the platform's keys (every account) may; member credentials read their own events");
      }
      TrailSelectors next;
      try {
        next = TrailSelectors.fromTree(request.body());
        selectors.put(next);
      } catch (InvalidEventSelectorsException e) {
        throw ApiException.of("InvalidEventSelectorsException", e.getMessage());
      } catch (IOException e) {
        log.warn("PutEventSelectors by {}: the selectors cannot be saved: {}", caller.name(), e.toString());
        throw new ApiException(500, "InternalFailure", "the event selectors could not be saved; nothing changed; "
            + "try again");
      }
      log.info("PutEventSelectors by {}", caller.name());
    }
    ObjectNode response = AwsJson.MAPPER.createObjectNode();
    response.put("TrailARN", trail.trailArn());
    JsonNode current = selectors.current().toTree();
    for (Iterator<Map.Entry<String, JsonNode>> it = current.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> member = it.next();
      response.set(member.getKey(), member.getValue());
    }
    return response;
  }
}
