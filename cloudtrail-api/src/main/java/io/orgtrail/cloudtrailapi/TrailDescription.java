package io.orgtrail.cloudtrailapi;

import io.orgtrail.format.layout.KeyPrefix;
import io.orgtrail.format.layout.OrgId;
import io.orgtrail.format.layout.TrailName;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The one organization trail this API describes: its name (with home region and management account), where it
 * delivers, and the organization it covers.
 *
 * @param trail the trail's name, home region and management account
 * @param bucket the S3 bucket the trail delivers to, e.g. {@code org-trail-logs}
 * @param keyPrefix the trail's S3 key prefix without a trailing slash, or "" for none (a null or a trailing slash
 *     given here is normalised to that)
 * @param orgId the organization id, e.g. {@code o-a1b2c3d4e5}
 */
public record TrailDescription(TrailName trail, String bucket, String keyPrefix, String orgId) {
  // S3's rule for bucket names, loosely: what the AWS CLI will accept as a bucket to list.
  private static final Pattern BUCKET = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");

  public TrailDescription {
    Objects.requireNonNull(trail, "trail");
    if (bucket == null || !BUCKET.matcher(bucket).matches()) {
      throw new IllegalArgumentException("bucket name '" + bucket + "' is not valid: use 3 to 63 lowercase letters, "
          + "digits, periods or hyphens, starting and ending with a letter or digit, e.g. org-trail-logs");
    }
    String normalised = KeyPrefix.normalise(keyPrefix);
    keyPrefix = normalised.isEmpty() ? "" : normalised.substring(0, normalised.length() - 1);
    OrgId.require(orgId);
  }

  /** {@code arn:aws:cloudtrail:<homeRegion>:<managementAccountId>:trail/<name>}. */
  public String trailArn() {
    return trail.arn();
  }

  public String managementAccountId() {
    return trail.managementAccountId();
  }
}
