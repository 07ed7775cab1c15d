package io.orgtrail.bench.micro;

import io.orgtrail.format.record.InvalidRecordException;
import io.orgtrail.format.record.RecordFields;
import io.orgtrail.format.record.RecordRules;
import io.orgtrail.format.record.RecordScanner;
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
 * Per-record work, one record per operation (so ops/s is events/s), cycling through every recorded event so that
 * no single record's shape is learnt: {@code scan} is {@code RecordScanner.scan} (the top-level fields, no tree),
 * {@code check} is {@code RecordRules.check} (size, the scan, required fields, eventTime parse, region, account).
 * MB counts the records' bytes.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(2)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@State(Scope.Thread)
public class RecordCheckBenchmark {
  RecordScanner scanner;
  RecordRules rules;
  String account;
  byte[][] records;
  int next;

  @Setup(Level.Trial)
  public void load() {
    RecordedEvents events = RecordedEvents.load();
    List<byte[]> all = events.all().records();
    records = all.toArray(new byte[0][]);
    account = events.account();
    scanner = new RecordScanner();
    rules = new RecordRules(scanner, RecordRules.DEFAULT_MAX_RECORD_BYTES);
    next = 0;
  }

  @Benchmark
  public RecordFields scan(Processed processed) throws InvalidRecordException {
    byte[] record = nextRecord();
    processed.add(1, record.length);
    return scanner.scan(record);
  }

  @Benchmark
  public RecordFields check(Processed processed) throws InvalidRecordException {
    byte[] record = nextRecord();
    processed.add(1, record.length);
    return rules.check(record, account);
  }

  private byte[] nextRecord() {
    byte[] record = records[next];
    if (++next == records.length) {
      next = 0;
    }
    return record;
  }
}
