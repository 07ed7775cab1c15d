package io.orgtrail.integrity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.orgtrail.format.digest.DigestSignature;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

/** One gzip member, exactly, as the AWS CLI's zlib reads log files. */
class GzipTest {
  static final byte[] TEXT = "{\"Records\":[{\"eventName\":\"GetObject\"}]}".getBytes(StandardCharsets.UTF_8);

  @Test
  void readsOneMember() throws Exception {
    assertThat(Gzip.inflate(ChainWriter.gzip(TEXT), 1 << 20)).isEqualTo(TEXT);
    assertThat(Gzip.sha256OfInflated(ChainWriter.gzip(TEXT))).isEqualTo(DigestSignature.sha256Hex(TEXT));
  }

  @Test
  void readsAHeaderWithAFileName() throws Exception {
    byte[] gz = ChainWriter.gzip(TEXT);
    // Set FNAME and insert "a.json\0" after the 10-byte header, as gzip(1) writes it.
    byte[] name = "a.json\0".getBytes(StandardCharsets.US_ASCII);
    byte[] named = new byte[gz.length + name.length];
    System.arraycopy(gz, 0, named, 0, 10);
    named[3] = 0x08;
    System.arraycopy(name, 0, named, 10, name.length);
    System.arraycopy(gz, 10, named, 10 + name.length, gz.length - 10);

    assertThat(Gzip.inflate(named, 1 << 20)).isEqualTo(TEXT);
  }

  @Test
  void aSecondMemberIsTrailingData() {
    byte[] two = concat(ChainWriter.gzip(TEXT), ChainWriter.gzip(TEXT));

    assertThatThrownBy(() -> Gzip.sha256OfInflated(two)).isInstanceOfSatisfying(Gzip.FormatException.class,
        e -> assertThat(e.trailingData()).isTrue());
  }

  @Test
  void garbageAfterTheMemberIsTrailingData() {
    byte[] junk = concat(ChainWriter.gzip(TEXT), new byte[] {1, 2, 3});

    assertThatThrownBy(() -> Gzip.sha256OfInflated(junk)).isInstanceOfSatisfying(Gzip.FormatException.class,
        e -> assertThat(e.trailingData()).isTrue());
  }

  @Test
  void truncatedOrCorruptIsInvalidFormat() {
    byte[] gz = ChainWriter.gzip(TEXT);
    byte[] truncated = Arrays.copyOf(gz, gz.length - 3);
    byte[] badCrc = gz.clone();
    badCrc[gz.length - 6] ^= 0x55;

    assertThatThrownBy(() -> Gzip.sha256OfInflated(truncated)).isInstanceOfSatisfying(Gzip.FormatException.class,
        e -> assertThat(e.trailingData()).isFalse());
    assertThatThrownBy(() -> Gzip.sha256OfInflated(badCrc)).hasMessageContaining("CRC-32");
    assertThatThrownBy(() -> Gzip.sha256OfInflated(TEXT)).hasMessageContaining("not a gzip stream");
    assertThatThrownBy(() -> Gzip.sha256OfInflated(new byte[0])).hasMessageContaining("not a gzip stream");
  }

  @Test
  void refusesToInflateBeyondTheLimit() throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
      gz.write(new byte[1 << 20]);
    }

    assertThatThrownBy(() -> Gzip.inflate(out.toByteArray(), 1000)).hasMessageContaining("exceeds 1000 bytes");
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] c = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, c, a.length, b.length);
    return c;
  }
}
