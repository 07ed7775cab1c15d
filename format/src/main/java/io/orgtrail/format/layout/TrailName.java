package io.orgtrail.format.layout;

import java.util.regex.Pattern;

/**
 * Which trail this is, as CloudTrail names it: the trail's name, its home region and the management account that
 * owns it. Digest keys carry the name and home region; the ARN is how the AWS CLI's {@code validate-logs} and the
 * CloudTrail API refer to the trail.
 *
 * @param name 3 to 128 letters, digits, periods, underscores or hyphens, starting with a letter or digit (CloudTrail's
 *     rule), e.g. {@code org-trail}
 * @param homeRegion the region the trail was created in, e.g. {@code us-east-1}
 * @param managementAccountId the 12-digit account that owns the organization trail
 */
public record TrailName(String name, String homeRegion, String managementAccountId) {
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{2,127}");
  private static final Pattern ARN =
      Pattern.compile("arn:([a-z-]+):cloudtrail:([a-z0-9-]+):([0-9]{12}):trail/([A-Za-z0-9._-]+)");

  public TrailName {
    if (name == null || !NAME.matcher(name).matches() || name.contains("..") || name.contains("_-")
        || name.contains("-_")) {
      throw new IllegalArgumentException("trail name '" + name + "' is not valid: use 3 to 128 letters, digits, "
          + "periods, underscores or hyphens, starting with a letter or digit, e.g. org-trail");
    }
    Region.require(homeRegion);
    AccountId.require(managementAccountId);
  }

  /** {@code arn:aws:cloudtrail:<homeRegion>:<managementAccountId>:trail/<name>}. */
  public String arn() {
    return "arn:aws:cloudtrail:" + homeRegion + ":" + managementAccountId + ":trail/" + name;
  }

  /** Parses a trail ARN such as {@code arn:aws:cloudtrail:us-east-1:123456789012:trail/org-trail}. */
  public static TrailName fromArn(String arn) {
    var m = arn == null ? null : ARN.matcher(arn);
    if (m == null || !m.matches()) {
      throw new IllegalArgumentException("'" + arn + "' is not a trail ARN: expected "
          + "arn:aws:cloudtrail:<region>:<12-digit account>:trail/<name>");
    }
    return new TrailName(m.group(4), m.group(2), m.group(3));
  }
}
