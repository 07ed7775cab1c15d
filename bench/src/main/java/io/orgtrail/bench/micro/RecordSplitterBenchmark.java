package io.orgtrail.bench.micro;

import io.orgtrail.format.record.InvalidFileException;
import io.orgtrail.format.record.RecordSplitter;
import io.orgtrail.format.record.SourceRecord;
import java.util.List;
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
 * An agent cutting a CloudTrail log file into records: {@code RecordSplitter.split} of an uncompressed
 * {@code {"Records":[...]}} of N recorded events (compact JSON, as AWS delivers it), including the per-record
 * minify copy. MB counts the file.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(2)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@State(Scope.Benchmark)
public class RecordSplitterBenchmark {
  @Param({"500", "5000"})
  public int records;

  RecordSplitter splitter;
  byte[] file;

  @Setup(Level.Trial)
  public void load() {
    file = RecordedEvents.load().take(records).cloudTrailFile();
    splitter = new RecordSplitter();
  }

  @Benchmark
  public List<SourceRecord> split(Processed processed) throws InvalidFileException {
    processed.add(records, file.length);
    return splitter.split(file);
  }
}
