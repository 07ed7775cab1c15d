package io.orgtrail.format.logfile;

import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;

/**
 * Builds a log file from records' exact bytes: they are concatenated inside {@code {"Records":[...]}} as they came,
 * never re-serialised, while the SHA-256 of the uncompressed JSON is computed in the same pass.
 */
public final class LogFileAssembler {
  private static final byte[] OPEN = "{\"Records\":[".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
  private static final byte[] CLOSE = "]}".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

  private final ByteArrayOutputStream compressed;
  private final MessageDigest sha256;
  private final OutputStream out;
  private Instant oldest;
  private Instant newest;
  private int count;
  private long uncompressedBytes;

  public LogFileAssembler(int compressionLevel) {
    this.compressed = new ByteArrayOutputStream(64 * 1024);
    try {
      this.sha256 = MessageDigest.getInstance("SHA-256");
      GZIPOutputStream gzip =
          new GZIPOutputStream(compressed, 64 * 1024) {
            {
              def.setLevel(compressionLevel);
            }
          };
      // Records are about a kilobyte: handing the deflater 64 KB at a time instead saves a native call and a CRC
      // update per record.
      this.out = new DigestOutputStream(new BufferedOutputStream(gzip, 64 * 1024), sha256);
      write(OPEN);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required by the Java platform", e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public LogFileAssembler() {
    this(Deflater.DEFAULT_COMPRESSION);
  }

  /** Appends one record (exact JSON bytes of a single object) with its already-validated eventTime. */
  public LogFileAssembler add(byte[] record, Instant eventTime) {
    if (count > 0) {
      write(new byte[] {','});
    }
    write(record);
    count++;
    if (oldest == null || eventTime.isBefore(oldest)) {
      oldest = eventTime;
    }
    if (newest == null || eventTime.isAfter(newest)) {
      newest = eventTime;
    }
    return this;
  }

  public int recordCount() {
    return count;
  }

  public long uncompressedBytes() {
    return uncompressedBytes;
  }

  public LogFile finish() {
    write(CLOSE);
    try {
      out.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new LogFile(
        compressed.toByteArray(), HexFormat.of().formatHex(sha256.digest()), oldest, newest, count);
  }

  private void write(byte[] bytes) {
    try {
      out.write(bytes);
      uncompressedBytes += bytes.length;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
