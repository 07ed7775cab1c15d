package io.orgtrail.bench.micro;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.orgtrail.format.logfile.LogFile;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.zip.Deflater;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The log file benchmarks (assembly, compression alone, hashing alone) work on the same, correct bytes. */
class LogFileBenchmarksTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @ParameterizedTest
  @ValueSource(ints = {500, 5000})
  void assembledFileGunzipsToTheRecordsJsonAndCarriesItsSha256(int records) throws Exception {
    LogFileAssemblyBenchmark bench = new LogFileAssemblyBenchmark();
    bench.records = records;
    bench.level = Deflater.DEFAULT_COMPRESSION;
    bench.load();
    Processed processed = new Processed();

    LogFile file = bench.assemble(processed);

    EventSample expected = RecordedEvents.load().take(records);
    byte[] json = Compressed.gunzip(file.gzipped());
    assertThat(json).isEqualTo(expected.cloudTrailFile());
    assertThat(JSON.readTree(json).get("Records")).hasSize(records);
    assertThat(file.recordCount()).isEqualTo(records);
    assertThat(file.uncompressedSha256Hex())
        .isEqualTo(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(json)));
    assertThat(file.oldestEventTime()).isEqualTo(expected.eventTimes().stream().min(Comparator.naturalOrder()).get());
    assertThat(file.newestEventTime()).isEqualTo(expected.eventTimes().stream().max(Comparator.<Instant>naturalOrder()).get());
    assertThat(processed.events).isEqualTo(records);
    assertThat(processed.megabytes).isEqualTo(json.length / 1e6);
  }

  @ParameterizedTest
  @ValueSource(ints = {500, 5000})
  void compressionAloneRoundTripsTheSameJsonTheAssemblerCompresses(int records) throws Exception {
    CompressionBenchmark bench = new CompressionBenchmark();
    bench.records = records;
    bench.level = Deflater.DEFAULT_COMPRESSION;
    bench.load();
    Processed processed = new Processed();
    byte[] expected = RecordedEvents.load().take(records).cloudTrailFile();

    byte[] gzipped = bench.gzip(processed);
    byte[] deflated = bench.deflate(processed);

    assertThat(Compressed.gunzip(gzipped)).isEqualTo(expected);
    assertThat(Compressed.inflateRaw(deflated)).isEqualTo(expected);
    assertThat(deflated.length).isLessThan(expected.length / 4);
    assertThat(processed.events).isEqualTo(2L * records);
    assertThat(processed.megabytes).isEqualTo(2 * (expected.length / 1e6));
  }

  @ParameterizedTest
  @ValueSource(ints = {500, 5000})
  void hashingAloneGivesTheAssemblersSha256(int records) throws Exception {
    Sha256Benchmark bench = new Sha256Benchmark();
    bench.records = records;
    bench.load();
    LogFileAssemblyBenchmark assembly = new LogFileAssemblyBenchmark();
    assembly.records = records;
    assembly.level = Deflater.DEFAULT_COMPRESSION;
    assembly.load();
    Processed processed = new Processed();

    byte[] digest = bench.sha256(processed);

    assertThat(HexFormat.of().formatHex(digest))
        .isEqualTo(assembly.assemble(new Processed()).uncompressedSha256Hex());
    assertThat(processed.events).isEqualTo(records);
  }
}
