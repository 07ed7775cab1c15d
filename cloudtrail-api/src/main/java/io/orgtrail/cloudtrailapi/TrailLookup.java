package io.orgtrail.cloudtrailapi;

import io.orgtrail.format.layout.TrailName;

/**
 * Finds the served trail by what CloudTrail accepts as a trail reference: its name, or its ARN. A reference that is
 * malformed is an error of its own (as CloudTrail answers), so that a typo is not reported as a missing trail.
 */
final class TrailLookup {
  private final TrailDescription trail;

  TrailLookup(TrailDescription trail) {
    this.trail = trail;
  }

  TrailDescription trail() {
    return trail;
  }

  /** Whether {@code nameOrArn} names the served trail. */
  boolean matches(String nameOrArn) {
    if (nameOrArn.startsWith("arn:")) {
      try {
        TrailName.fromArn(nameOrArn);
      } catch (IllegalArgumentException e) {
        throw ApiException.of("CloudTrailARNInvalidException", e.getMessage());
      }
      return nameOrArn.equals(trail.trailArn());
    }
    try {
      new TrailName(nameOrArn, trail.trail().homeRegion(), trail.managementAccountId());
    } catch (IllegalArgumentException e) {
      throw ApiException.of("InvalidTrailNameException", e.getMessage());
    }
    return nameOrArn.equals(trail.trail().name());
  }

  /** The served trail, or TrailNotFoundException. */
  TrailDescription require(String nameOrArn) {
    if (nameOrArn == null || nameOrArn.isEmpty()) {
      throw ApiException.of("InvalidTrailNameException",
          "Name is required: give the trail's name or ARN, e.g. " + trail.trailArn());
    }
    if (!matches(nameOrArn)) {
      throw ApiException.of("TrailNotFoundException", "trail '" + nameOrArn + "' does not exist here; this server "
          + "serves the organization trail " + trail.trailArn());
    }
    return trail;
  }
}
