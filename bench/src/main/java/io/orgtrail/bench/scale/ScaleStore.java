package io.orgtrail.bench.scale;

/** Where the aggregator writes: its embedded local directory store, or a real MinIO server process. */
enum ScaleStore {
  LOCAL("local"),
  MINIO("minio");

  private final String label;

  ScaleStore(String label) {
    this.label = label;
  }

  String label() {
    return label;
  }
}
