package io.orgtrail.format.digest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SigningKeyRingTest {
  private static final Instant T0 = Instant.parse("2026-11-21T10:00:00Z");
  private static final Instant T1 = Instant.parse("2026-11-21T12:30:00Z");
  @TempDir Path dir;

  @Test
  void createdOnFirstUseOwnerOnlyAndReadBackTheSame() throws IOException {
    Path file = dir.resolve("digest-keys.json");
    SigningKeyRing ring = SigningKeyRing.loadOrCreate(file, Clock.fixed(T0, ZoneOffset.UTC), new SecureRandom());
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
    SigningKeyRing again = SigningKeyRing.loadOrCreate(file, Clock.fixed(T1, ZoneOffset.UTC), new SecureRandom());
    assertThat(again.publicKeys()).isEqualTo(ring.publicKeys()).hasSize(1);
    assertThat(again.active().fingerprint()).isEqualTo(ring.active().fingerprint());
    assertThat(ring.publicKeys().get(0).validFrom()).isEqualTo(T0);
    assertThat(ring.publicKeys().get(0).validUntil()).isNull();
  }

  @Test
  void rotationRetiresTheOldKeyKeepsItListedAndSignsWithTheNewOne() throws IOException {
    Path file = dir.resolve("digest-keys.json");
    SigningKeyRing first = SigningKeyRing.loadOrCreate(file, Clock.fixed(T0, ZoneOffset.UTC), new SecureRandom());
    SigningKeyRing rotated = first.rotate(Clock.fixed(T1, ZoneOffset.UTC), new SecureRandom());
    SigningKeyRing reread = SigningKeyRing.load(file);
    List<PublicKeyInfo> keys = reread.publicKeys();
    assertThat(keys).hasSize(2);
    assertThat(keys.get(0).fingerprint()).isEqualTo(first.active().fingerprint());
    assertThat(keys.get(0).validUntil()).isEqualTo(T1);
    assertThat(keys.get(1).validFrom()).isEqualTo(T1);
    assertThat(reread.active().fingerprint()).isEqualTo(rotated.active().fingerprint()).isNotEqualTo(keys.get(0).fingerprint());
    assertThat(Files.readString(file)).doesNotContain(privateKeyOf(first));
    assertThat(keys.get(0).validDuring(T0, T0)).isTrue();
    assertThat(keys.get(0).validDuring(T1.plusSeconds(1), T1.plusSeconds(5))).isFalse();
  }

  @Test
  void aDamagedFileIsRefusedWithItsNameAndWhatToDo() throws IOException {
    Path file = dir.resolve("digest-keys.json");
    Files.writeString(file, "{\"keys\":[]}");
    assertThatThrownBy(() -> SigningKeyRing.load(file)).hasMessageContaining(file.toString()).hasMessageContaining("lists no keys");
    Files.writeString(file, "not json");
    assertThatThrownBy(() -> SigningKeyRing.load(file)).hasMessageContaining("not a valid orgtrail digest key file");
  }

  @Test
  void publicKeysRoundTripThroughTheListPublicKeysShapeAndPem() throws IOException {
    SigningKeyRing ring = SigningKeyRing.loadOrCreate(dir.resolve("k.json"), Clock.fixed(T0, ZoneOffset.UTC), new SecureRandom())
        .rotate(Clock.fixed(T1, ZoneOffset.UTC), new SecureRandom());
    Path exported = dir.resolve("public-keys.json");
    PublicKeySet.write(exported, ring.publicKeys());
    assertThat(PublicKeySet.read(exported)).isEqualTo(ring.publicKeys());
    String awsCliShape = "{\"PublicKeyList\":[{\"Value\":\"" + java.util.Base64.getEncoder().encodeToString(ring.publicKeys().get(1).pkcs1Der())
        + "\",\"ValidityStartTime\":\"2026-11-21T12:30:00+00:00\",\"Fingerprint\":\"" + ring.active().fingerprint() + "\"}]}";
    assertThat(PublicKeySet.parse(awsCliShape.getBytes(StandardCharsets.UTF_8))).containsExactly(ring.publicKeys().get(1));
    PublicKeyInfo k = ring.publicKeys().get(1);
    assertThat(k.pem()).startsWith("-----BEGIN RSA PUBLIC KEY-----\n").endsWith("-----END RSA PUBLIC KEY-----\n");
    assertThat(DigestKeys.fromPkcs1Der(k.pkcs1Der())).isEqualTo(ring.active().publicKey());
  }

  @Test
  void aChainHeadVerifiesWithItsKeyAndNotWhenAltered() throws IOException {
    SigningKeyRing ring = SigningKeyRing.loadOrCreate(dir.resolve("k.json"), Clock.fixed(T0, ZoneOffset.UTC), new SecureRandom());
    byte[] digest = "{}".getBytes(StandardCharsets.UTF_8);
    String end = "2026-11-21T11:00:00Z";
    String key = "AWSLogs/o-a1b2c3d4e5/111111111111/CloudTrail-Digest/us-east-1/x.json.gz";
    String sig = DigestSignature.sign(ring.active().privateKey(), DigestSignature.stringToSign(end, "b", key, digest, "ab"));
    ChainHead head = new ChainHead("111111111111", "us-east-1", "b", key, end, DigestSignature.sha256Hex(digest), sig, "ab",
        ring.active().fingerprint());
    assertThat(head.verify(ring.active().publicKey())).isTrue();
    Path file = dir.resolve("head.json");
    head.write(file);
    assertThat(ChainHead.read(file)).isEqualTo(head);
    ChainHead moved = new ChainHead("111111111111", "us-east-1", "b", key + "x", end, head.digestHashValue(), sig, "ab", head.fingerprint());
    assertThat(moved.verify(ring.active().publicKey())).isFalse();
  }

  private static String privateKeyOf(SigningKeyRing ring) {
    return java.util.Base64.getEncoder().encodeToString(ring.active().privateKey().getEncoded());
  }
}
