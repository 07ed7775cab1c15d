package io.orgtrail.testkit;

import java.nio.file.Path;
import java.util.List;

/** No MinIO server binary could be found; the message says how to install one. */
public final class MinioBinaryNotFoundException extends IllegalStateException {
  private static final long serialVersionUID = 1L;

  MinioBinaryNotFoundException(String detail, List<Path> tried) {
    super("MinIO binary not found"
        + (detail == null ? "" : " (" + detail + ")")
        + ": run scripts/install-minio.sh (it builds MinIO with go install and prints its path)"
        + " or set " + MinioBinary.ENV_VAR + " to the path of a minio server binary."
        + " Looked at: " + tried);
  }
}
