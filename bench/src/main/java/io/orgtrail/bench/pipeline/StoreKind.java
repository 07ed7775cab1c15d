package io.orgtrail.bench.pipeline;

/** Where the aggregator writes: its embedded local directory store, or a real MinIO server process. */
enum StoreKind {
  LOCAL("local"),
  MINIO("minio");

  private final String label;

  StoreKind(String label) {
    this.label = label;
  }

  String label() {
    return label;
  }
}
