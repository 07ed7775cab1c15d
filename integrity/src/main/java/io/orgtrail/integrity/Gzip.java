package io.orgtrail.integrity;

import java.io.ByteArrayOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.zip.CRC32;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * Reads exactly one gzip member, as Python's {@code zlib.decompressobj(MAX_WBITS | 16)} in the AWS CLI does:
 * anything after the member's trailer is "unexpected data after end of compressed stream". Java's
 * {@code GZIPInputStream} cannot be used: it silently reads concatenated members and skips trailing garbage, so an
 * appended second member would go unnoticed.
 */
final class Gzip {
  private static final int FTEXT_RESERVED = 0xe0;
  private static final int FHCRC = 0x02;
  private static final int FEXTRA = 0x04;
  private static final int FNAME = 0x08;
  private static final int FCOMMENT = 0x10;

  /** Not a single well-formed gzip member. */
  static final class FormatException extends Exception {
    private static final long serialVersionUID = 1L;
    private final boolean trailingData;

    FormatException(String message, boolean trailingData) {
      super(message);
      this.trailingData = trailingData;
    }

    /** True when the member itself was fine but bytes follow it. */
    boolean trailingData() {
      return trailingData;
    }
  }

  /** Receives uncompressed bytes as they are inflated. */
  interface Sink {
    void write(byte[] buffer, int offset, int length) throws FormatException;
  }

  private Gzip() {}

  /** The uncompressed bytes, refused beyond {@code maxBytes} (a digest is small; a bomb is not). */
  static byte[] inflate(byte[] gzipped, long maxBytes) throws FormatException {
    ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(256, gzipped.length * 4));
    long[] total = {0};
    inflate(gzipped, (b, off, len) -> {
      total[0] += len;
      if (total[0] > maxBytes) {
        throw new FormatException("uncompressed size exceeds " + maxBytes + " bytes", false);
      }
      out.write(b, off, len);
    });
    return out.toByteArray();
  }

  /** Hex SHA-256 of the uncompressed bytes, without holding them. */
  static String sha256OfInflated(byte[] gzipped) throws FormatException {
    MessageDigest sha256;
    try {
      sha256 = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required by the Java platform", e);
    }
    inflate(gzipped, sha256::update);
    return HexFormat.of().formatHex(sha256.digest());
  }

  static void inflate(byte[] data, Sink sink) throws FormatException {
    int pos = headerLength(data);
    Inflater inflater = new Inflater(true);
    CRC32 crc = new CRC32();
    long size = 0;
    try {
      inflater.setInput(data, pos, data.length - pos);
      byte[] buffer = new byte[64 * 1024];
      while (!inflater.finished()) {
        long readBefore = inflater.getBytesRead();
        int n = inflater.inflate(buffer);
        if (n > 0) {
          crc.update(buffer, 0, n);
          size += n;
          sink.write(buffer, 0, n);
        } else if (inflater.needsInput()) {
          throw new FormatException("incomplete or truncated stream", false);
        } else if (inflater.needsDictionary()) {
          throw new FormatException("the deflate stream needs a preset dictionary", false);
        } else if (!inflater.finished() && inflater.getBytesRead() == readBefore) {
          throw new FormatException("the deflate stream makes no progress", false);
        }
      }
      int trailer = data.length - inflater.getRemaining();
      if (data.length - trailer < 8) {
        throw new FormatException("incomplete or truncated stream (no gzip trailer)", false);
      }
      if (le32(data, trailer) != crc.getValue()) {
        throw new FormatException("incorrect data check (CRC-32)", false);
      }
      if (le32(data, trailer + 4) != (size & 0xffffffffL)) {
        throw new FormatException("incorrect length check", false);
      }
      if (data.length > trailer + 8) {
        throw new FormatException("unexpected data after end of compressed stream", true);
      }
    } catch (DataFormatException e) {
      throw new FormatException("invalid deflate data: " + e.getMessage(), false);
    } finally {
      inflater.end();
    }
  }

  private static int headerLength(byte[] d) throws FormatException {
    if (d.length < 10 || (d[0] & 0xff) != 0x1f || (d[1] & 0xff) != 0x8b) {
      throw new FormatException("not a gzip stream (no 1f 8b header)", false);
    }
    if (d[2] != 8) {
      throw new FormatException("unknown compression method " + d[2], false);
    }
    int flags = d[3] & 0xff;
    if ((flags & FTEXT_RESERVED) != 0) {
      throw new FormatException("unknown header flags set", false);
    }
    int pos = 10;
    if ((flags & FEXTRA) != 0) {
      require(d, pos + 2);
      pos += 2 + ((d[pos] & 0xff) | (d[pos + 1] & 0xff) << 8);
    }
    if ((flags & FNAME) != 0) {
      pos = afterZero(d, pos);
    }
    if ((flags & FCOMMENT) != 0) {
      pos = afterZero(d, pos);
    }
    if ((flags & FHCRC) != 0) {
      pos += 2;
    }
    require(d, pos);
    return pos;
  }

  private static int afterZero(byte[] d, int pos) throws FormatException {
    while (pos < d.length && d[pos] != 0) {
      pos++;
    }
    require(d, pos + 1);
    return pos + 1;
  }

  private static void require(byte[] d, int length) throws FormatException {
    if (d.length < length) {
      throw new FormatException("incomplete or truncated stream (gzip header)", false);
    }
  }

  private static long le32(byte[] d, int p) {
    return (d[p] & 0xffL) | (d[p + 1] & 0xffL) << 8 | (d[p + 2] & 0xffL) << 16 | (d[p + 3] & 0xffL) << 24;
  }
}
