package io.orgtrail.aggregator.afterdelivery;

import io.orgtrail.format.record.InvalidFileException;
import io.orgtrail.format.record.RecordSplitter;
import io.orgtrail.format.record.SourceRecord;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.zip.GZIPInputStream;

/**
 * The records of a delivered file, decompressed and cut the first time a consumer asks and shared by the rest: a file
 * is read once however many consumers look at its events.
 */
public final class DeliveredRecords {
  private final byte[] gzipped;
  private final RecordSplitter splitter;
  private List<byte[]> records;

  DeliveredRecords(byte[] gzipped, RecordSplitter splitter) {
    this.gzipped = gzipped;
    this.splitter = splitter;
  }

  /** Each record's exact JSON bytes, in the file's order. */
  public List<byte[]> records() {
    if (records == null) {
      try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(gzipped))) {
        records = splitter.split(in.readAllBytes()).stream().map(SourceRecord::json).toList();
      } catch (IOException e) {
        throw new UncheckedIOException("the delivered file cannot be decompressed: " + e.getMessage(), e);
      } catch (InvalidFileException e) {
        throw new IllegalStateException("the delivered file is not a CloudTrail log file: " + e.getMessage(), e);
      }
    }
    return records;
  }
}
