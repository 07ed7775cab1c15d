package io.orgtrail.format.batch;

import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.interfaces.EdECPrivateKey;
import java.util.Arrays;
import org.bouncycastle.math.ec.rfc8032.Ed25519;

/**
 * Ed25519 on the keys' raw 32 bytes with Bouncy Castle's RFC 8032 code. It makes the same (deterministic) signatures
 * as the JDK's provider, whose field arithmetic is about eight times slower; at one signature per batch on each
 * side, that was a tenth of the agent's and aggregator's CPU time per event. Keys stay JDK key objects everywhere
 * else (files, registry).
 */
final class RawEd25519 {
  static final int SIGNATURE_BYTES = Ed25519.SIGNATURE_SIZE;
  /** The DER header of an Ed25519 SubjectPublicKeyInfo (RFC 8410), before the 32 key bytes. */
  private static final byte[] SPKI_HEADER = {0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x03, 0x21, 0x00};

  private RawEd25519() {}

  static byte[] privateBytes(PrivateKey key) {
    if (key instanceof EdECPrivateKey ed && ed.getBytes().isPresent()) {
      return ed.getBytes().get();
    }
    throw new IllegalArgumentException("not an Ed25519 private key: " + key.getAlgorithm());
  }

  /** The public key's 32 bytes, or null when {@code key} is not an Ed25519 key. */
  static byte[] publicBytes(PublicKey key) {
    byte[] der = key.getEncoded();
    if (der == null || der.length != SPKI_HEADER.length + Ed25519.PUBLIC_KEY_SIZE
        || !Arrays.equals(der, 0, SPKI_HEADER.length, SPKI_HEADER, 0, SPKI_HEADER.length)) {
      return null;
    }
    return Arrays.copyOfRange(der, SPKI_HEADER.length, der.length);
  }

  static byte[] sign(byte[] privateKey, byte[] message) {
    byte[] signature = new byte[SIGNATURE_BYTES];
    Ed25519.sign(privateKey, 0, message, 0, message.length, signature, 0);
    return signature;
  }

  static boolean verify(byte[] publicKey, byte[] message, byte[] signature) {
    return Ed25519.verify(signature, 0, publicKey, 0, message, 0, message.length);
  }
}
