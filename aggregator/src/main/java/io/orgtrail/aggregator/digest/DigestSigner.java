package io.orgtrail.aggregator.digest;

import io.orgtrail.format.digest.ChainId;
import io.orgtrail.format.digest.DigestFile;
import io.orgtrail.format.digest.DigestSignature;
import io.orgtrail.format.digest.SigningKeyRing.SigningKey;
import io.orgtrail.format.layout.TrailLayout;
import io.orgtrail.format.layout.TrailName;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.zip.GZIPOutputStream;

/** Renders and signs one digest: CloudTrail's format and string to sign. Knows no store and no journal. */
final class DigestSigner {
  private final TrailLayout layout;
  private final TrailName trail;
  private final String bucket;
  private final DigestKeyRing keys;

  DigestSigner(TrailLayout layout, TrailName trail, String bucket, DigestKeyRing keys) {
    this.layout = layout;
    this.trail = trail;
    this.bucket = bucket;
    this.keys = keys;
  }

  String bucket() {
    return bucket;
  }

  SignedDigest sign(ChainId chain, Instant start, Instant end, SignedDigest.Head previous, List<ListedFile> files) {
    SigningKey key = keys.current().active();
    String objectKey = layout.digestKey(chain.accountId(), chain.region(), trail, end);
    Instant newest = files.stream().map(ListedFile::newestEventTime).filter(Objects::nonNull)
        .max(Instant::compareTo).orElse(null);
    Instant oldest = files.stream().map(ListedFile::oldestEventTime).filter(Objects::nonNull)
        .min(Instant::compareTo).orElse(null);
    DigestFile digest = new DigestFile(
        chain.accountId(),
        start,
        end,
        bucket,
        objectKey,
        key.fingerprint(),
        newest,
        oldest,
        previous == null
            ? null
            : new DigestFile.PreviousDigest(bucket, previous.key(), previous.sha256Hex(), previous.signature()),
        files.stream().map(f -> f.entry(bucket)).toList());
    byte[] json = digest.toJson();
    String previousSignature = previous == null ? null : previous.signature();
    String signature = DigestSignature.sign(key.privateKey(),
        DigestSignature.stringToSign(end.toString(), bucket, objectKey, json, previousSignature));
    return new SignedDigest(objectKey, start, end, DigestSignature.sha256Hex(json), signature, previousSignature,
        key.fingerprint(), files.stream().map(ListedFile::key).toList(), gzip(json));
  }

  private static byte[] gzip(byte[] json) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(json.length / 4 + 64);
    try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
      gz.write(json);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }
}
