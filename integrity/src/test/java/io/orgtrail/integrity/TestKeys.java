package io.orgtrail.integrity;

import io.orgtrail.format.digest.DigestKeys;
import io.orgtrail.format.digest.PublicKeyInfo;
import io.orgtrail.format.digest.SigningKeyRing;
import io.orgtrail.format.digest.SigningKeyRing.SigningKey;
import java.io.IOException;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.security.interfaces.RSAPublicKey;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

/**
 * The signing keys of the tests: a key ring created a day before the trail's first period ({@link #first}), the
 * same ring rotated after two periods ({@link #second}), and a key the trail never had ({@link #stranger}).
 * Generating RSA keys is the slow part of the tests, so a test class makes these once.
 */
final class TestKeys {
  static final Instant ROTATED_AT = OrgTrail.start(2);

  final SigningKeyRing ring;
  final SigningKeyRing rotated;
  final SigningKey stranger;

  private TestKeys(SigningKeyRing ring, SigningKeyRing rotated, SigningKey stranger) {
    this.ring = ring;
    this.rotated = rotated;
    this.stranger = stranger;
  }

  static TestKeys create(Path dir) throws IOException {
    SecureRandom random = new SecureRandom();
    SigningKeyRing ring = SigningKeyRing.loadOrCreate(dir.resolve("digest-keys.json"),
        Clock.fixed(OrgTrail.T0.minusSeconds(86_400), ZoneOffset.UTC), random);
    SigningKeyRing rotated = ring.rotate(Clock.fixed(ROTATED_AT, ZoneOffset.UTC), random);
    KeyPair pair = DigestKeys.generate(random);
    RSAPublicKey pub = (RSAPublicKey) pair.getPublic();
    return new TestKeys(ring, rotated, new SigningKey(DigestKeys.fingerprint(pub), pair.getPrivate(), pub));
  }

  /** The key that signs every digest unless a test rotates. */
  SigningKey first() {
    return ring.active();
  }

  /** The key that became active at {@link #ROTATED_AT}. */
  SigningKey second() {
    return rotated.active();
  }

  /** The public key set before the rotation: the first key, still active. */
  List<PublicKeyInfo> publicKeys() {
    return ring.publicKeys();
  }

  /** After the rotation: the first key valid until ROTATED_AT, the second from then on. */
  List<PublicKeyInfo> rotatedPublicKeys() {
    return rotated.publicKeys();
  }
}
