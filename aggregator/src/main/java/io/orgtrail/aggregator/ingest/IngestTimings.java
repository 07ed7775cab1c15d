package io.orgtrail.aggregator.ingest;

/**
 * Told how long the pipeline's steps took, for latency metrics. Called on the writer threads: implementations
 * must only record (a histogram update), never block.
 */
public interface IngestTimings {
  IngestTimings NONE = new IngestTimings() {
    @Override
    public void batchDurable(long nanos) {}

    @Override
    public void filePut(long nanos) {}
  };

  /** A batch was acknowledged DURABLE this long after it was taken in. */
  void batchDurable(long nanos);

  /** A log file's put to the store succeeded after this long. */
  void filePut(long nanos);
}
