package io.orgtrail.integrity;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * The fields of a digest file the validator uses. Text fields are kept as written, because the signature covers
 * {@code digestEndTime} and the previous signature as text.
 */
record DigestDocument(
    String awsAccountId,
    Instant start,
    String endText,
    Instant end,
    String bucket,
    String key,
    String fingerprint,
    String signatureAlgorithm,
    String previousBucket,
    String previousKey,
    String previousHash,
    String previousSignature,
    List<Entry> logFiles) {

  /** The fields the AWS CLI requires to be present before it looks at a digest (their values may be null). */
  static final List<String> REQUIRED = List.of("digestPublicKeyFingerprint", "digestS3Bucket", "digestS3Object",
      "previousDigestSignature", "digestEndTime", "digestStartTime");

  private static final ObjectMapper JSON =
      new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  /** One log file a digest names. */
  record Entry(String bucket, String key, String hashValue) {}

  /** The digest cannot be read as a digest; the message says why, after the AWS CLI's "invalid format". */
  static final class FormatException extends Exception {
    private static final long serialVersionUID = 1L;

    FormatException(String detail) {
      super(detail);
    }
  }

  static JsonNode parseJson(byte[] json) throws FormatException {
    try {
      JsonNode root = JSON.readTree(json);
      if (root == null || !root.isObject()) {
        throw new FormatException("not a JSON object");
      }
      return root;
    } catch (IOException e) {
      throw new FormatException("not JSON: " + firstLine(e.getMessage()));
    }
  }

  static DigestDocument from(JsonNode root) throws FormatException {
    for (String field : REQUIRED) {
      if (!root.has(field)) {
        throw new FormatException("no " + field + " field");
      }
    }
    String fingerprint = text(root, "digestPublicKeyFingerprint");
    if (fingerprint == null) {
      throw new FormatException("digestPublicKeyFingerprint is null");
    }
    String endText = text(root, "digestEndTime");
    JsonNode files = root.get("logFiles");
    if (files == null || !files.isArray()) {
      throw new FormatException("no logFiles array");
    }
    List<Entry> entries = new ArrayList<>(files.size());
    for (JsonNode f : files) {
      if (!f.isObject()) {
        throw new FormatException("logFiles[" + entries.size() + "] is not an object");
      }
      String bucket = text(f, "s3Bucket");
      String key = text(f, "s3Object");
      String hash = text(f, "hashValue");
      if (bucket == null || key == null || hash == null) {
        throw new FormatException("logFiles[" + entries.size() + "] lacks s3Bucket, s3Object or hashValue");
      }
      entries.add(new Entry(bucket, key, hash));
    }
    return new DigestDocument(
        text(root, "awsAccountId"),
        time(root, "digestStartTime"),
        endText,
        time(root, "digestEndTime"),
        text(root, "digestS3Bucket"),
        text(root, "digestS3Object"),
        fingerprint,
        text(root, "digestSignatureAlgorithm"),
        text(root, "previousDigestS3Bucket"),
        text(root, "previousDigestS3Object"),
        text(root, "previousDigestHashValue"),
        text(root, "previousDigestSignature"),
        List.copyOf(entries));
  }

  /** The digest's period; one hour when its times make no sense, which the other checks report anyway. */
  Duration period() {
    Duration p = Duration.between(start, end);
    return p.isNegative() || p.isZero() ? Duration.ofHours(1) : p;
  }

  boolean hasPrevious() {
    return previousBucket != null && previousKey != null;
  }

  private static String text(JsonNode node, String field) throws FormatException {
    JsonNode v = node.get(field);
    if (v == null || v.isNull()) {
      return null;
    }
    if (!v.isValueNode()) {
      throw new FormatException(field + " is not a string");
    }
    return v.asText();
  }

  private static Instant time(JsonNode node, String field) throws FormatException {
    String s = text(node, field);
    if (s == null) {
      throw new FormatException(field + " is null");
    }
    try {
      return Instant.parse(s);
    } catch (DateTimeParseException e) {
      try {
        return OffsetDateTime.parse(s).toInstant();
      } catch (DateTimeParseException e2) {
        throw new FormatException(field + " '" + s + "' is not an ISO-8601 time");
      }
    }
  }

  private static String firstLine(String s) {
    if (s == null) {
      return "unreadable";
    }
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl);
  }
}
