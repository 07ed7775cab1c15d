package io.orgtrail.cloudtrailapi;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Organizations' DescribeOrganization: the organization the trail covers, with the trail's management account as
 * the management ("master") account. The AWS CLI's validator reads only {@code Organization.Id}, to build the
 * {@code AWSLogs/<orgId>/<accountId>/} prefix of an organization trail.
 */
final class DescribeOrganizationOperation implements Operation {
  private final TrailDescription trail;
  private final String managementAccountEmail;

  DescribeOrganizationOperation(TrailDescription trail, String managementAccountEmail) {
    this.trail = trail;
    this.managementAccountEmail = managementAccountEmail;
  }

  @Override
  public ObjectNode handle(ApiRequest request) {
    String orgId = trail.orgId();
    String management = trail.managementAccountId();
    ObjectNode response = AwsJson.MAPPER.createObjectNode();
    ObjectNode org = response.putObject("Organization");
    org.put("Id", orgId);
    org.put("Arn", "arn:aws:organizations::" + management + ":organization/" + orgId);
    org.put("FeatureSet", "ALL");
    org.put("MasterAccountArn", "arn:aws:organizations::" + management + ":account/" + orgId + "/" + management);
    org.put("MasterAccountId", management);
    org.put("MasterAccountEmail", managementAccountEmail);
    return response;
  }
}
