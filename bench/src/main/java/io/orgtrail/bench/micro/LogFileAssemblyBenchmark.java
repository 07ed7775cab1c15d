package io.orgtrail.bench.micro;

import io.orgtrail.format.logfile.LogFile;
import io.orgtrail.format.logfile.LogFileAssembler;
import java.util.List;
import java.time.Instant;
import java.util.zip.Deflater;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The aggregator building one log file: {@code LogFileAssembler} gzips {@code {"Records":[...]}} from the records'
 * exact bytes and hashes the uncompressed JSON in the same pass. The level defaults to what the aggregator uses
 * ({@code new LogFileAssembler()}, i.e. {@link Deflater#DEFAULT_COMPRESSION}, which zlib runs as level 6); try
 * others with {@code -p level=1,6,9}. eventTimes are parsed beforehand. MB counts the uncompressed JSON.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(2)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@State(Scope.Benchmark)
public class LogFileAssemblyBenchmark {
  @Param({"500", "5000"})
  public int records;

  @Param("" + Deflater.DEFAULT_COMPRESSION)
  public int level;

  List<byte[]> recordBytes;
  List<Instant> eventTimes;
  long fileBytes;

  @Setup(Level.Trial)
  public void load() {
    EventSample sample = RecordedEvents.load().take(records);
    recordBytes = sample.records();
    eventTimes = sample.eventTimes();
    fileBytes = sample.cloudTrailFile().length;
  }

  @Benchmark
  public LogFile assemble(Processed processed) {
    processed.add(records, fileBytes);
    LogFileAssembler assembler = new LogFileAssembler(level);
    for (int i = 0; i < recordBytes.size(); i++) {
      assembler.add(recordBytes.get(i), eventTimes.get(i));
    }
    return assembler.finish();
  }
}
