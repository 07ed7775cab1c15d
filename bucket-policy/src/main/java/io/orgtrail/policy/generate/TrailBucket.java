package io.orgtrail.policy.generate;

import io.orgtrail.format.layout.KeyPrefix;
import io.orgtrail.format.layout.OrgId;
import io.orgtrail.format.layout.TrailLayout;
import java.util.regex.Pattern;

/**
 * The trail's bucket and where its keys start.
 *
 * @param bucket the S3 bucket name
 * @param keyPrefix "" or the trail's key prefix without a trailing slash (e.g. "logs"); a trailing slash is dropped
 * @param orgId the organization id
 */
public record TrailBucket(String bucket, String keyPrefix, String orgId) {
  private static final Pattern BUCKET = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");

  public TrailBucket {
    if (bucket == null || !BUCKET.matcher(bucket).matches() || bucket.contains("..")) {
      throw new IllegalArgumentException(
          "bucket name '" + bucket + "' is not valid: use 3 to 63 lowercase letters, digits, '.' and '-',"
              + " starting and ending with a letter or digit");
    }
    String normalised = KeyPrefix.normalise(keyPrefix);
    keyPrefix = normalised.isEmpty() ? "" : normalised.substring(0, normalised.length() - 1);
    OrgId.require(orgId);
  }

  public TrailLayout layout() {
    return new TrailLayout(keyPrefix, orgId);
  }

  /** {@code arn:aws:s3:::bucket}. */
  public String bucketArn() {
    return "arn:aws:s3:::" + bucket;
  }

  /** {@code arn:aws:s3:::bucket/key}. */
  public String objectArn(String key) {
    return bucketArn() + "/" + key;
  }

  /** {@code [prefix/]AWSLogs/<orgId>/<accountId>/}. */
  public String accountPrefix(String accountId) {
    return layout().accountPrefix(accountId);
  }

  /** {@code [prefix/]AWSLogs/<orgId>/}. */
  public String organizationPrefix() {
    return layout().prefix() + "AWSLogs/" + orgId + "/";
  }

  /** {@code prefix/}, or "" when the trail has no key prefix. */
  public String trailPrefix() {
    return layout().prefix();
  }
}
