#!/usr/bin/env bash
# Installs the MinIO server binary the tests run against (community MinIO is distributed as source only).
# Prints the binary's path on stdout as its last line. Idempotent: does nothing when a binary is already there.
set -euo pipefail

# The pinned release tag; where the Go module proxy does not serve it, a pinned pseudo-version of the same
# upstream repository (same module path, same official `go install` route) is used instead.
RELEASE="RELEASE.2025-10-15T17-29-55Z"
FALLBACK="v0.0.0-20260212201848-7aac2a2c5b7c"

find_minio() {
  if [ -n "${ORGTRAIL_MINIO_BIN:-}" ] && [ -x "${ORGTRAIL_MINIO_BIN}" ]; then echo "${ORGTRAIL_MINIO_BIN}"; return 0; fi
  if command -v minio >/dev/null 2>&1; then command -v minio; return 0; fi
  local gobin
  gobin="$(go env GOBIN 2>/dev/null || true)"
  [ -n "$gobin" ] || gobin="$(go env GOPATH 2>/dev/null || echo "$HOME/go")/bin"
  if [ -x "$gobin/minio" ]; then echo "$gobin/minio"; return 0; fi
  return 1
}

if bin="$(find_minio)"; then
  echo "$bin"
  exit 0
fi

if ! command -v go >/dev/null 2>&1; then
  echo "install-minio: Go is not installed; install Go 1.24+ (e.g. apt-get install golang) and run again" >&2
  exit 1
fi

echo "install-minio: building MinIO with go install (takes about 2-3 minutes the first time)..." >&2
if ! go install "github.com/minio/minio@${RELEASE}" >&2; then
  echo "install-minio: ${RELEASE} is not served by this module proxy; using ${FALLBACK}" >&2
  go install "github.com/minio/minio@${FALLBACK}" >&2
fi
bin="$(find_minio)" || { echo "install-minio: go install finished but no minio binary was found" >&2; exit 1; }
echo "$bin"
