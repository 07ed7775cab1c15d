package io.orgtrail.aggregator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.orgtrail.format.digest.DigestSignature;
import io.orgtrail.format.digest.PublicKeyInfo;
import io.orgtrail.store.ObjectInfo;
import io.orgtrail.store.ObjectStore;
import io.orgtrail.store.StoredObject;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.interfaces.RSAPublicKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.GZIPInputStream;

/** Reads the digest files in a store back, and checks each chain the way a validator would. */
final class StoredDigests {
  private static final ObjectMapper JSON = new ObjectMapper();

  record Digest(String key, byte[] uncompressed, JsonNode json, Map<String, String> metadata) {
    String chain() {
      return json.get("awsAccountId").asText() + "/" + key.split("/CloudTrail-Digest/")[1].split("/")[0];
    }

    Instant end() {
      return Instant.parse(json.get("digestEndTime").asText());
    }

    List<String> logFiles() {
      List<String> keys = new ArrayList<>();
      json.get("logFiles").forEach(f -> keys.add(f.get("s3Object").asText()));
      return keys;
    }
  }

  private StoredDigests() {}

  /** Every digest, grouped by chain (account/region), each chain oldest first. */
  static Map<String, List<Digest>> read(ObjectStore store) throws Exception {
    Map<String, List<Digest>> chains = new LinkedHashMap<>();
    for (ObjectInfo info : store.list("")) {
      if (!info.key().contains("/CloudTrail-Digest/")) {
        continue;
      }
      StoredObject o = store.get(info.key()).orElseThrow();
      byte[] json = gunzip(o.content());
      Digest d = new Digest(info.key(), json, JSON.readTree(json), o.userMetadata());
      chains.computeIfAbsent(d.chain(), c -> new ArrayList<>()).add(d);
    }
    chains.values().forEach(list -> list.sort(Comparator.comparing(Digest::end)));
    return chains;
  }

  /**
   * Checks one chain: the first digest has no predecessor; each next one starts where its predecessor ended and
   * names it (key, hash, signature); every signature verifies with the key its fingerprint names. Returns the log
   * file keys the chain lists, failing if one is listed twice.
   */
  static List<String> checkChain(List<Digest> chain, String bucket, List<PublicKeyInfo> keys) {
    List<String> listed = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    Digest previous = null;
    for (Digest d : chain) {
      JsonNode j = d.json();
      assertThat(j.get("digestS3Object").asText()).isEqualTo(d.key());
      assertThat(j.get("digestS3Bucket").asText()).isEqualTo(bucket);
      assertThat(d.metadata()).containsEntry("signature-algorithm", "SHA256withRSA");
      if (previous == null) {
        assertThat(j.get("previousDigestS3Object").isNull()).as("first digest of %s has no predecessor", d.key()).isTrue();
      } else {
        assertThat(j.get("digestStartTime").asText()).as("no gap before %s", d.key())
            .isEqualTo(previous.json().get("digestEndTime").asText());
        assertThat(j.get("previousDigestS3Object").asText()).isEqualTo(previous.key());
        assertThat(j.get("previousDigestHashValue").asText()).isEqualTo(DigestSignature.sha256Hex(previous.uncompressed()));
        assertThat(j.get("previousDigestSignature").asText()).isEqualTo(previous.metadata().get("signature"));
      }
      String fingerprint = j.get("digestPublicKeyFingerprint").asText();
      RSAPublicKey key = keys.stream().filter(k -> k.fingerprint().equals(fingerprint)).findFirst().orElseThrow().publicKey();
      String previousSignature = j.get("previousDigestSignature").isNull() ? null : j.get("previousDigestSignature").asText();
      assertThat(DigestSignature.verify(key, DigestSignature.stringToSign(j.get("digestEndTime").asText(), bucket,
          d.key(), d.uncompressed(), previousSignature), d.metadata().get("signature")))
          .as("signature of %s", d.key()).isTrue();
      for (String f : d.logFiles()) {
        assertThat(seen.add(f)).as("%s listed once", f).isTrue();
        listed.add(f);
      }
      previous = d;
    }
    return listed;
  }

  private static byte[] gunzip(byte[] gz) {
    try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(gz))) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
