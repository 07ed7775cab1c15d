package io.orgtrail.format.logfile;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HexFormat;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;

class LogFileAssemblerTest {
  @Test
  void gzipsTheRecordsInsideARecordsWrapperAndHashesTheUncompressedBytes() throws Exception {
    LogFile file = new LogFileAssembler()
        .add("{\"eventID\":\"a\",\"n\":1.50}".getBytes(StandardCharsets.UTF_8), Instant.parse("2024-01-01T00:00:05Z"))
        .add("{\"eventID\":\"b\"}".getBytes(StandardCharsets.UTF_8), Instant.parse("2024-01-01T00:00:01Z"))
        .finish();
    byte[] plain = new GZIPInputStream(new ByteArrayInputStream(file.gzipped())).readAllBytes();
    assertThat(new String(plain, StandardCharsets.UTF_8))
        .isEqualTo("{\"Records\":[{\"eventID\":\"a\",\"n\":1.50},{\"eventID\":\"b\"}]}");
    assertThat(file.uncompressedSha256Hex())
        .isEqualTo(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(plain)));
    assertThat(file.oldestEventTime()).isEqualTo(Instant.parse("2024-01-01T00:00:01Z"));
    assertThat(file.newestEventTime()).isEqualTo(Instant.parse("2024-01-01T00:00:05Z"));
    assertThat(file.recordCount()).isEqualTo(2);
  }
}
