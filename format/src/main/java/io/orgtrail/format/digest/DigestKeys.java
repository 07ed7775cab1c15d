package io.orgtrail.format.digest;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.security.interfaces.RSAPublicKey;
import java.util.HexFormat;

/**
 * The RSA keys digest files are signed with, in the forms CloudTrail publishes them: ListPublicKeys returns the
 * DER-encoded PKCS#1 {@code RSAPublicKey} (not Java's X.509 SubjectPublicKeyInfo), and digests name their key by a
 * 32-hex-character fingerprint, which we define as the hex MD5 of those DER bytes.
 */
public final class DigestKeys {
  public static final int KEY_BITS = 2048;

  private DigestKeys() {}

  public static KeyPair generate(SecureRandom random) {
    try {
      KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
      g.initialize(KEY_BITS, random);
      return g.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("RSA is required by the Java platform", e);
    }
  }

  /** {@code RSAPublicKey ::= SEQUENCE { modulus INTEGER, publicExponent INTEGER }} in DER. */
  public static byte[] pkcs1Der(RSAPublicKey key) {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    writeInteger(body, key.getModulus());
    writeInteger(body, key.getPublicExponent());
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(0x30);
    writeLength(out, body.size());
    out.writeBytes(body.toByteArray());
    return out.toByteArray();
  }

  /** The fingerprint digests carry in {@code digestPublicKeyFingerprint}. */
  public static String fingerprint(RSAPublicKey key) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(pkcs1Der(key)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("MD5 is required by the Java platform", e);
    }
  }

  private static void writeInteger(ByteArrayOutputStream out, BigInteger value) {
    // BigInteger's two's-complement bytes are already DER's minimal encoding (a leading 0 only when needed).
    byte[] bytes = value.toByteArray();
    out.write(0x02);
    writeLength(out, bytes.length);
    out.writeBytes(bytes);
  }

  private static void writeLength(ByteArrayOutputStream out, int length) {
    if (length < 0x80) {
      out.write(length);
      return;
    }
    int bytes = length > 0xffffff ? 4 : length > 0xffff ? 3 : length > 0xff ? 2 : 1;
    out.write(0x80 | bytes);
    for (int i = bytes - 1; i >= 0; i--) {
      out.write(length >>> (8 * i));
    }
  }
}
