package io.orgtrail.integrity;

import com.fasterxml.jackson.databind.JsonNode;
import io.orgtrail.format.digest.DigestSignature;
import io.orgtrail.store.ObjectStore;
import io.orgtrail.store.StoreException;
import io.orgtrail.store.StoredObject;
import java.util.Optional;

/**
 * Fetches a digest and reads it as the AWS CLI's {@code DigestProvider.fetch_digest} does, in the same order: the
 * object, gunzip and JSON ("invalid format"), the signature metadata ("signature verification failed"), then the
 * required fields ("invalid format").
 */
final class DigestReader {
  /** Digests list one line per log file of one period; anything near this size is not a digest. */
  static final long MAX_DIGEST_BYTES = 256L * 1024 * 1024;

  enum Status {
    /** No object at the key. */
    MISSING,
    /** The store failed; {@link Read#reason()} says how. */
    UNREADABLE,
    /** Read, but not a digest the checks can go on with; {@link Read#reason()} is the AWS CLI-style reason. */
    REJECTED,
    /** Parsed; the checks may run. */
    LOADED
  }

  /**
   * @param json the uncompressed bytes (LOADED only)
   * @param sha256 hex SHA-256 of {@code json}, what the next digest's previousDigestHashValue covers (LOADED only)
   * @param signature the {@code signature} metadata (LOADED only)
   * @param algorithm the {@code signature-algorithm} metadata (LOADED only)
   */
  record Read(Status status, String key, String reason, DigestDocument document, byte[] json, String sha256,
      String signature, String algorithm) {

    static Read of(Status status, String key, String reason) {
      return new Read(status, key, reason, null, null, null, null, null);
    }
  }

  private final ObjectStore store;

  DigestReader(ObjectStore store) {
    this.store = store;
  }

  Read read(String key) {
    Optional<StoredObject> found;
    try {
      found = store.get(key);
    } catch (StoreException | RuntimeException e) {
      return Read.of(Status.UNREADABLE, key, "could not be read: " + e.getMessage());
    }
    if (found.isEmpty()) {
      return Read.of(Status.MISSING, key, "not found");
    }
    StoredObject object = found.get();
    byte[] json;
    JsonNode root;
    try {
      json = Gzip.inflate(object.content(), MAX_DIGEST_BYTES);
      root = DigestDocument.parseJson(json);
    } catch (Gzip.FormatException e) {
      return Read.of(Status.REJECTED, key, e.trailingData()
          ? "unexpected data after end of compressed stream"
          : "invalid format (not gzip: " + e.getMessage() + ")");
    } catch (DigestDocument.FormatException e) {
      return Read.of(Status.REJECTED, key, "invalid format (" + e.getMessage() + ")");
    }
    String signature = object.userMetadata().get("signature");
    String algorithm = object.userMetadata().get("signature-algorithm");
    if (signature == null || algorithm == null) {
      return Read.of(Status.REJECTED, key,
          "signature verification failed (the object has no signature or signature-algorithm metadata)");
    }
    DigestDocument document;
    try {
      document = DigestDocument.from(root);
    } catch (DigestDocument.FormatException e) {
      return Read.of(Status.REJECTED, key, "invalid format (" + e.getMessage() + ")");
    }
    return new Read(Status.LOADED, key, null, document, json, DigestSignature.sha256Hex(json), signature, algorithm);
  }
}
