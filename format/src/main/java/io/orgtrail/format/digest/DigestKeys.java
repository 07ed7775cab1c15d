package io.orgtrail.format.digest;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.security.KeyFactory;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.RSAPublicKeySpec;
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

  /** Reads the DER-encoded PKCS#1 {@code RSAPublicKey} that {@link #pkcs1Der} writes (and ListPublicKeys returns). */
  public static RSAPublicKey fromPkcs1Der(byte[] der) {
    try {
      DerReader outer = new DerReader(der, 0, der.length);
      DerReader body = outer.sequence();
      BigInteger modulus = body.integer();
      BigInteger exponent = body.integer();
      if (!body.atEnd() || !outer.atEnd()) {
        throw new IllegalArgumentException("trailing bytes after the RSA public key");
      }
      return (RSAPublicKey) KeyFactory.getInstance("RSA").generatePublic(new RSAPublicKeySpec(modulus, exponent));
    } catch (GeneralSecurityException | IndexOutOfBoundsException e) {
      throw new IllegalArgumentException("not a DER-encoded PKCS#1 RSA public key: " + e.getMessage(), e);
    }
  }

  /** Just enough DER to read {@code SEQUENCE { INTEGER, INTEGER }}. */
  private static final class DerReader {
    private final byte[] bytes;
    private int pos;
    private final int end;

    DerReader(byte[] bytes, int start, int end) {
      this.bytes = bytes;
      this.pos = start;
      this.end = end;
    }

    boolean atEnd() {
      return pos == end;
    }

    DerReader sequence() {
      int length = header(0x30);
      DerReader inner = new DerReader(bytes, pos, pos + length);
      pos += length;
      return inner;
    }

    BigInteger integer() {
      int length = header(0x02);
      byte[] value = java.util.Arrays.copyOfRange(bytes, pos, pos + length);
      pos += length;
      return new BigInteger(value);
    }

    private int header(int tag) {
      if (pos >= end || (bytes[pos] & 0xff) != tag) {
        throw new IllegalArgumentException("expected DER tag 0x" + Integer.toHexString(tag) + " at byte " + pos);
      }
      pos++;
      int first = bytes[pos++] & 0xff;
      int length = first;
      if (first >= 0x80) {
        int n = first & 0x7f;
        if (n == 0 || n > 4) {
          throw new IllegalArgumentException("unsupported DER length at byte " + (pos - 1));
        }
        length = 0;
        for (int i = 0; i < n; i++) {
          length = (length << 8) | (bytes[pos++] & 0xff);
        }
      }
      if (length < 0 || pos + length > end) {
        throw new IllegalArgumentException("DER length " + length + " runs past the end");
      }
      return length;
    }
  }
}
