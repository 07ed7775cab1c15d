package io.orgtrail.format.layout;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Where an organization trail puts its objects:
 * {@code [prefix/]AWSLogs/<orgId>/<accountId>/CloudTrail/<region>/<YYYY>/<MM>/<DD>/<accountId>_CloudTrail_<region>_<YYYYMMDDTHHmmZ>_<unique>.json.gz}.
 * Every segment is validated here, so a key built by this class is always inside its account's prefix.
 */
public final class TrailLayout {
  private static final DateTimeFormatter DAY_PATH = DateTimeFormatter.ofPattern("yyyy/MM/dd").withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter FILE_TIME =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmm'Z'").withZone(ZoneOffset.UTC);
  /** Digest keys end in the digest's end time to the second: the AWS CLI reads it from the 16 characters there. */
  private static final DateTimeFormatter DIGEST_TIME =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

  private final String prefix;
  private final String orgId;

  /**
   * @param prefix the trail's S3 key prefix, may be empty
   * @param orgId the organization id, or null for a trail that is not an organization trail
   */
  public TrailLayout(String prefix, String orgId) {
    this.prefix = KeyPrefix.normalise(prefix);
    this.orgId = orgId == null ? null : OrgId.require(orgId);
  }

  public String prefix() {
    return prefix;
  }

  public String orgId() {
    return orgId;
  }

  /** {@code [prefix/]AWSLogs/[orgId/]<accountId>/}: everything of one account lives under it. */
  public String accountPrefix(String accountId) {
    AccountId.require(accountId);
    return prefix + "AWSLogs/" + (orgId == null ? "" : orgId + "/") + accountId + "/";
  }

  /** The key of a log file delivered at {@code deliveryTime}; {@code unique} is 16 alphanumeric characters. */
  public String logFileKey(String accountId, String region, Instant deliveryTime, String unique) {
    return fileKey("CloudTrail", accountId, region, deliveryTime, unique);
  }

  /**
   * The key of an Insights events file delivered at {@code deliveryTime}:
   * {@code .../CloudTrail-Insight/<region>/<YYYY>/<MM>/<DD>/<accountId>_CloudTrail-Insight_<region>_<YYYYMMDDTHHmmZ>_<unique>.json.gz}.
   */
  public String insightFileKey(String accountId, String region, Instant deliveryTime, String unique) {
    return fileKey("CloudTrail-Insight", accountId, region, deliveryTime, unique);
  }

  /** {@code [prefix/]AWSLogs/[orgId/]<accountId>/CloudTrail-Insight/<region>/}: every Insights file of a region. */
  public String insightFilePrefix(String accountId, String region) {
    return accountPrefix(accountId) + "CloudTrail-Insight/" + Region.require(region) + "/";
  }

  private String fileKey(String kind, String accountId, String region, Instant deliveryTime, String unique) {
    Region.require(region);
    requireUnique(unique);
    return accountPrefix(accountId)
        + kind
        + "/"
        + region
        + "/"
        + DAY_PATH.format(deliveryTime)
        + "/"
        + accountId
        + "_"
        + kind
        + "_"
        + region
        + "_"
        + FILE_TIME.format(deliveryTime)
        + "_"
        + unique
        + ".json.gz";
  }

  private static void requireUnique(String unique) {
    if (unique == null || unique.length() != 16 || !unique.chars().allMatch(c -> c < 128 && Character.isLetterOrDigit(c))) {
      throw new IllegalArgumentException("unique part '" + unique + "' must be 16 ASCII letters or digits");
    }
  }

  /** {@code [prefix/]AWSLogs/[orgId/]<accountId>/CloudTrail/<region>/}: every log file of one chain. */
  public String logFilePrefix(String accountId, String region) {
    return accountPrefix(accountId) + "CloudTrail/" + Region.require(region) + "/";
  }

  /** {@code [prefix/]AWSLogs/[orgId/]<accountId>/CloudTrail-Digest/<region>/}: every digest of one chain. */
  public String digestPrefix(String accountId, String region) {
    return accountPrefix(accountId) + "CloudTrail-Digest/" + Region.require(region) + "/";
  }

  /**
   * The key of the digest of one (account, region) chain whose period ends at {@code endTime}:
   * {@code .../CloudTrail-Digest/<region>/<YYYY>/<MM>/<DD>/<accountId>_CloudTrail-Digest_<region>_<trailName>_<homeRegion>_<YYYYMMDDTHHmmssZ>.json.gz}.
   */
  public String digestKey(String accountId, String region, TrailName trail, Instant endTime) {
    return digestPrefix(accountId, region)
        + DAY_PATH.format(endTime)
        + "/"
        + accountId
        + "_CloudTrail-Digest_"
        + region
        + "_"
        + trail.name()
        + "_"
        + trail.homeRegion()
        + "_"
        + DIGEST_TIME.format(endTime)
        + ".json.gz";
  }
}
