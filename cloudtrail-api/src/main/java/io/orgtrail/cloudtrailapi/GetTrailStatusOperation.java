package io.orgtrail.cloudtrailapi;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.function.Supplier;

/** GetTrailStatus for {@code Name} (a trail name or ARN): whether it is logging and its latest deliveries. */
final class GetTrailStatusOperation implements Operation {
  private final TrailLookup lookup;
  private final Supplier<TrailStatus> status;

  GetTrailStatusOperation(TrailLookup lookup, Supplier<TrailStatus> status) {
    this.lookup = lookup;
    this.status = status;
  }

  @Override
  public ObjectNode handle(ApiRequest request) {
    lookup.require(request.string("Name").orElse(null));
    TrailStatus s = status.get();
    ObjectNode response = AwsJson.MAPPER.createObjectNode();
    response.put("IsLogging", s.isLogging());
    AwsJson.putIfPresent(response, "LatestDeliveryError", s.latestDeliveryError());
    AwsJson.putTime(response, "LatestDeliveryTime", s.latestDeliveryTime());
    AwsJson.putTime(response, "StartLoggingTime", s.startLoggingTime());
    AwsJson.putTime(response, "LatestDigestDeliveryTime", s.latestDigestDeliveryTime());
    AwsJson.putIfPresent(response, "LatestDigestDeliveryError", s.latestDigestDeliveryError());
    return response;
  }
}
