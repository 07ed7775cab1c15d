package io.orgtrail.format.digest;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.orgtrail.format.files.AtomicFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.security.PublicKey;
import java.time.Instant;

/**
 * The signed head of one (account, region) digest chain: enough of the newest digest to check its signature
 * without the bucket. Agents keep the heads of their own account's chains as witnesses; a validator given them can
 * tell that digests at the tail of a chain were deleted, which the chain alone cannot show.
 *
 * @param digestEndTime exactly as written in the digest ({@code 2026-11-21T10:00:00Z}), because it is signed as text
 * @param digestHashValue hex SHA-256 of the digest file's uncompressed bytes
 * @param signature hex signature of the digest
 * @param previousSignature the previous digest's signature, or null for the first digest of a chain
 * @param fingerprint of the key that signed it
 */
public record ChainHead(
    @JsonProperty("accountId") String accountId,
    @JsonProperty("region") String region,
    @JsonProperty("digestS3Bucket") String digestS3Bucket,
    @JsonProperty("digestS3Object") String digestS3Object,
    @JsonProperty("digestEndTime") String digestEndTime,
    @JsonProperty("digestHashValue") String digestHashValue,
    @JsonProperty("signature") String signature,
    @JsonProperty("previousSignature") String previousSignature,
    @JsonProperty("fingerprint") String fingerprint) {

  private static final ObjectMapper JSON = new ObjectMapper();

  public Instant endTime() {
    return Instant.parse(digestEndTime);
  }

  /** The string the digest's signature covers; the same as {@link DigestSignature#stringToSign} with the hash. */
  public String stringToSign() {
    return digestEndTime + "\n" + digestS3Bucket + "/" + digestS3Object + "\n" + digestHashValue + "\n"
        + (previousSignature == null ? "null" : previousSignature);
  }

  public boolean verify(PublicKey key) {
    return DigestSignature.verify(key, stringToSign(), signature);
  }

  public byte[] toJson() {
    try {
      return JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(this);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  public static ChainHead fromJson(byte[] json) throws IOException {
    return JSON.readValue(json, ChainHead.class);
  }

  public void write(Path file) throws IOException {
    AtomicFiles.write(file, toJson(), null);
  }

  public static ChainHead read(Path file) throws IOException {
    try {
      return fromJson(java.nio.file.Files.readAllBytes(file));
    } catch (IOException e) {
      throw new IOException("witness file " + file + " is not a chain head written by an orgtrail agent: "
          + e.getMessage(), e);
    }
  }
}
