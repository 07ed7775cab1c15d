package io.orgtrail.format.digest;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * One CloudTrail digest file, rendered with CloudTrail's field names and order. The first digest of a chain has no
 * {@code previous}; a digest of a period without log files has an empty list and null event times.
 */
public record DigestFile(
    String awsAccountId,
    Instant digestStartTime,
    Instant digestEndTime,
    String digestS3Bucket,
    String digestS3Object,
    String digestPublicKeyFingerprint,
    Instant newestEventTime,
    Instant oldestEventTime,
    PreviousDigest previous,
    List<LogFileEntry> logFiles) {

  public static final String HASH_ALGORITHM = "SHA-256";
  private static final JsonFactory JSON = new JsonFactory();

  public DigestFile {
    logFiles = List.copyOf(logFiles);
  }

  /** The digest this one chains to: where it is, the SHA-256 of its uncompressed bytes, and its signature. */
  public record PreviousDigest(String s3Bucket, String s3Object, String hashValue, String signature) {}

  /** A delivered log file: where it is, the SHA-256 of its uncompressed bytes, and its records' time range. */
  public record LogFileEntry(String s3Bucket, String s3Object, String hashValue, Instant newestEventTime, Instant oldestEventTime) {}

  /** The uncompressed JSON bytes; their SHA-256 is what the signature and the next digest cover. */
  public byte[] toJson() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (JsonGenerator g = JSON.createGenerator(out)) {
      g.writeStartObject();
      g.writeStringField("awsAccountId", awsAccountId);
      time(g, "digestStartTime", digestStartTime);
      time(g, "digestEndTime", digestEndTime);
      g.writeStringField("digestS3Bucket", digestS3Bucket);
      g.writeStringField("digestS3Object", digestS3Object);
      g.writeStringField("digestPublicKeyFingerprint", digestPublicKeyFingerprint);
      g.writeStringField("digestSignatureAlgorithm", DigestSignature.ALGORITHM);
      time(g, "newestEventTime", newestEventTime);
      time(g, "oldestEventTime", oldestEventTime);
      g.writeStringField("previousDigestS3Bucket", previous == null ? null : previous.s3Bucket());
      g.writeStringField("previousDigestS3Object", previous == null ? null : previous.s3Object());
      g.writeStringField("previousDigestHashValue", previous == null ? null : previous.hashValue());
      g.writeStringField("previousDigestHashAlgorithm", previous == null ? null : HASH_ALGORITHM);
      g.writeStringField("previousDigestSignature", previous == null ? null : previous.signature());
      g.writeArrayFieldStart("logFiles");
      for (LogFileEntry f : logFiles) {
        g.writeStartObject();
        g.writeStringField("s3Bucket", f.s3Bucket());
        g.writeStringField("s3Object", f.s3Object());
        g.writeStringField("hashValue", f.hashValue());
        g.writeStringField("hashAlgorithm", HASH_ALGORITHM);
        time(g, "newestEventTime", f.newestEventTime());
        time(g, "oldestEventTime", f.oldestEventTime());
        g.writeEndObject();
      }
      g.writeEndArray();
      g.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  private static void time(JsonGenerator g, String field, Instant t) throws IOException {
    g.writeStringField(field, t == null ? null : t.truncatedTo(ChronoUnit.SECONDS).toString());
  }
}
