package io.orgtrail.integrity;

import io.orgtrail.format.digest.DigestSignature;
import io.orgtrail.format.digest.PublicKeyInfo;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The checks of a loaded digest. First those of the AWS CLI's {@code DigestTraverser}, in its order and words
 * (location, public key, signature); then ours: the signature algorithm, the account, the key's validity window,
 * the link to the newer digest that named it (its hash and signature, which the AWS CLI leaves to the string to
 * sign) and what witnesses saw.
 */
final class DigestVerifier {
  /**
   * A digest may be signed up to one period outside its key's validity window (it is signed after its period
   * ends, and a rotation reaches the signer late); at least a minute, for the clocks of whoever rotated the key and
   * of the signer, which may differ when periods are very short.
   */
  static final Duration MIN_KEY_TOLERANCE = Duration.ofMinutes(1);

  /**
   * What the newer digest that names this one as its previous digest says about it.
   *
   * @param namedBy the newer digest's key
   * @param hash previousDigestHashValue
   * @param signature previousDigestSignature
   * @param end when this one must end: the newer digest's start
   * @param period the newer digest's period, which this one most likely has too
   */
  record Expectation(String namedBy, String hash, String signature, Instant end, Duration period) {}

  private final String bucket;
  private final String homeRegion;
  private final KeyDirectory keys;

  DigestVerifier(String bucket, String homeRegion, KeyDirectory keys) {
    this.bucket = bucket;
    this.homeRegion = homeRegion;
    this.keys = keys;
  }

  /** Why the digest is invalid; empty when it is valid. */
  List<String> verify(DigestReader.Read read, ChainKeys chain, Expectation expectation) {
    DigestDocument d = read.document();
    if (!bucket.equals(d.bucket()) || !read.key().equals(d.key())) {
      return List.of("has been moved from its original location (it was written to s3://" + d.bucket() + "/"
          + d.key() + ")");
    }
    PublicKeyInfo key = keys.find(d.fingerprint());
    if (key == null) {
      return List.of("public key not found in region " + homeRegion + " for fingerprint " + d.fingerprint());
    }
    RSAPublicKey rsa = KeyDirectory.rsa(key);
    if (rsa == null) {
      return List.of("Unable to load PKCS #1 key with fingerprint " + d.fingerprint());
    }
    List<String> reasons = new ArrayList<>();
    String toSign = DigestSignature.stringToSign(d.endText(), d.bucket(), d.key(), read.json(), d.previousSignature());
    if (!DigestSignature.verify(rsa, toSign, read.signature())) {
      reasons.add("signature verification failed");
    }
    if (!DigestSignature.ALGORITHM.equals(read.algorithm())) {
      reasons.add("its signature-algorithm metadata is '" + read.algorithm() + "', not " + DigestSignature.ALGORITHM);
    }
    if (d.signatureAlgorithm() != null && !DigestSignature.ALGORITHM.equals(d.signatureAlgorithm())) {
      reasons.add("its digestSignatureAlgorithm is '" + d.signatureAlgorithm() + "', not " + DigestSignature.ALGORITHM);
    }
    if (!chain.chain().accountId().equals(d.awsAccountId())) {
      reasons.add("it names account " + d.awsAccountId() + " but lies in the digests of account "
          + chain.chain().accountId());
    }
    Instant keyEnd = ChainKeys.anyDigestKeyTime(read.key());
    if (keyEnd != null && !keyEnd.equals(d.end())) {
      reasons.add("its key ends at " + DisplayTime.format(keyEnd) + " but its digestEndTime is " + d.endText());
    }
    Duration tolerance = d.period().compareTo(MIN_KEY_TOLERANCE) < 0 ? MIN_KEY_TOLERANCE : d.period();
    String window = keys.outsideWindow(d.fingerprint(), d.end(), tolerance);
    if (window != null) {
      reasons.add(window);
    }
    if (expectation != null) {
      if (!read.sha256().equalsIgnoreCase(String.valueOf(expectation.hash()))) {
        reasons.add("its SHA-256 " + read.sha256() + " is not the previousDigestHashValue " + expectation.hash()
            + " of the next digest " + expectation.namedBy());
      }
      if (!read.signature().equalsIgnoreCase(String.valueOf(expectation.signature()))) {
        reasons.add("its signature is not the previousDigestSignature of the next digest " + expectation.namedBy()
            + " (it was re-signed after the next digest was written)");
      }
      if (!d.end().equals(expectation.end())) {
        reasons.add("it ends at " + d.endText() + ", not at " + DisplayTime.format(expectation.end())
            + " where the next digest " + expectation.namedBy() + " starts");
      }
    }
    return reasons;
  }
}
