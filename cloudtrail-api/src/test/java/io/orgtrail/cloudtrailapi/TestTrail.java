package io.orgtrail.cloudtrailapi;

import io.orgtrail.format.layout.TrailName;

/** The organization trail the tests serve. */
final class TestTrail {
  static final String MANAGEMENT_ACCOUNT = "111122223333";
  static final String ORG_ID = "o-a1b2c3d4e5";
  static final String BUCKET = "org-trail-logs";
  static final String PREFIX = "audit";
  static final TrailName NAME = new TrailName("org-trail", "us-east-1", MANAGEMENT_ACCOUNT);
  static final String ARN = "arn:aws:cloudtrail:us-east-1:111122223333:trail/org-trail";

  private TestTrail() {}

  static TrailDescription description() {
    return new TrailDescription(NAME, BUCKET, PREFIX, ORG_ID);
  }
}
