package io.orgtrail.cloudtrailapi;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * DescribeTrails: {@code trailList} with the served trail, unless {@code trailNameList} names only other trails
 * (unknown names are left out, as CloudTrail does), or {@code includeShadowTrails} is false and the client signed for
 * a region other than the trail's home region (a multi-region trail is a "shadow" everywhere else).
 */
final class DescribeTrailsOperation implements Operation {
  private final TrailLookup lookup;

  DescribeTrailsOperation(TrailLookup lookup) {
    this.lookup = lookup;
  }

  @Override
  public ObjectNode handle(ApiRequest request) {
    List<String> names = request.strings("trailNameList");
    boolean includeShadowTrails = request.bool("includeShadowTrails").orElse(true);
    boolean named = names.isEmpty();
    for (String name : names) {
      // Every name is checked, so that a malformed one is reported even when another one matches.
      named |= lookup.matches(name);
    }
    String homeRegion = lookup.trail().trail().homeRegion();
    boolean shadow = request.signingRegion().filter(r -> !r.equals(homeRegion)).isPresent();

    ObjectNode response = AwsJson.MAPPER.createObjectNode();
    var trailList = response.putArray("trailList");
    if (named && (includeShadowTrails || !shadow)) {
      trailList.add(TrailJson.render(lookup.trail()));
    }
    return response;
  }
}
