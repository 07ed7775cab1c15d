package io.orgtrail.bench.common;

/** Where the aggregator writes: its embedded local directory store, or a real MinIO server process. */
public enum StoreKind {
  LOCAL("local"),
  MINIO("minio");

  private final String label;

  StoreKind(String label) {
    this.label = label;
  }

  public String label() {
    return label;
  }
}
