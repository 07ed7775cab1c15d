package io.orgtrail.cloudtrailapi;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** GetTrail: {@code Trail} for {@code Name} (a trail name or ARN), or TrailNotFoundException. */
final class GetTrailOperation implements Operation {
  private final TrailLookup lookup;

  GetTrailOperation(TrailLookup lookup) {
    this.lookup = lookup;
  }

  @Override
  public ObjectNode handle(ApiRequest request) {
    TrailDescription trail = lookup.require(request.string("Name").orElse(null));
    ObjectNode response = AwsJson.MAPPER.createObjectNode();
    response.set("Trail", TrailJson.render(trail));
    return response;
  }
}
