package io.orgtrail.integrity;

import io.orgtrail.format.digest.ChainId;
import io.orgtrail.format.layout.TrailLayout;
import io.orgtrail.format.layout.TrailName;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The object keys of one chain: which are its digests and log files, and the times their names carry. */
final class ChainKeys {
  private static final DateTimeFormatter DIGEST_TIME =
      DateTimeFormatter.ofPattern("uuuuMMdd'T'HHmmss'Z'").withResolverStyle(ResolverStyle.STRICT);
  private static final DateTimeFormatter LOG_TIME =
      DateTimeFormatter.ofPattern("uuuuMMdd'T'HHmm'Z'").withResolverStyle(ResolverStyle.STRICT);

  private final TrailLayout layout;
  private final TrailName trail;
  private final ChainId chain;
  private final String digestPrefix;
  private final String logFilePrefix;
  private final Pattern digestKey;
  private final Pattern logFileKey;

  ChainKeys(TrailLayout layout, TrailName trail, ChainId chain) {
    this.layout = layout;
    this.trail = trail;
    this.chain = chain;
    this.digestPrefix = layout.digestPrefix(chain.accountId(), chain.region());
    this.logFilePrefix = layout.logFilePrefix(chain.accountId(), chain.region());
    // As the AWS CLI's DigestProvider: only this trail's digests (name and home region are in the file name).
    this.digestKey = Pattern.compile(Pattern.quote(digestPrefix) + "\\d+/\\d+/\\d+/"
        + Pattern.quote(chain.accountId() + "_CloudTrail-Digest_" + chain.region() + "_" + trail.name() + "_"
            + trail.homeRegion() + "_")
        + "(\\d{8}T\\d{6}Z)\\.json\\.gz");
    this.logFileKey = Pattern.compile(Pattern.quote(logFilePrefix) + "\\d{4}/\\d{2}/\\d{2}/"
        + Pattern.quote(chain.accountId() + "_CloudTrail_" + chain.region() + "_")
        + "(\\d{8}T\\d{4}Z)_[A-Za-z0-9]+\\.json\\.gz");
  }

  ChainId chain() {
    return chain;
  }

  String digestPrefix() {
    return digestPrefix;
  }

  String logFilePrefix() {
    return logFilePrefix;
  }

  /** The end time a digest key of this chain and trail carries, or null when the key is not one. */
  Instant digestEndTime(String key) {
    Matcher m = digestKey.matcher(key);
    return m.matches() ? parse(m.group(1), DIGEST_TIME) : null;
  }

  /**
   * The end time in the 16 characters before {@code .json.gz}, as the AWS CLI reads it from any digest key (a
   * previous digest may be named by a digest, whatever its key), or null.
   */
  static Instant anyDigestKeyTime(String key) {
    if (key == null || !key.endsWith(".json.gz") || key.length() < 24) {
      return null;
    }
    return parse(key.substring(key.length() - 24, key.length() - 8), DIGEST_TIME);
  }

  /** The delivery time (to the minute) a log file key of this chain carries, or null when the key is not one. */
  Instant logFileDeliveryTime(String key) {
    Matcher m = logFileKey.matcher(key);
    return m.matches() ? parse(m.group(1), LOG_TIME) : null;
  }

  /** Where CloudTrail would have put this chain's digest ending at {@code end}. */
  String digestKey(Instant end) {
    return layout.digestKey(chain.accountId(), chain.region(), trail, end);
  }

  private static Instant parse(String text, DateTimeFormatter format) {
    try {
      return LocalDateTime.parse(text, format).toInstant(ZoneOffset.UTC);
    } catch (DateTimeParseException e) {
      return null;
    }
  }
}
