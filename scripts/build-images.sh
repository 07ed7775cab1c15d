#!/usr/bin/env bash
# Builds the orgtrail images from this checkout:
#   orgtrail/aggregator:<tag>  docker/orgtrail/Dockerfile --target aggregator + cli/target/orgtrail.jar
#   orgtrail/agent:<tag>       docker/orgtrail/Dockerfile --target agent      + cli/target/orgtrail.jar
#   orgtrail/minio:<tag>       docker/minio/Dockerfile                        + the MinIO binary from scripts/install-minio.sh
# First makes sure the engine runs (scripts/install-docker.sh) and the base images exist
# (scripts/prepare-base-images.sh); both do nothing when that is already so.
#
# Environment:
#   ORGTRAIL_IMAGE_TAG   the tag (default dev)
#   ORGTRAIL_JAR         use this jar as it is (default: cli/target/orgtrail.jar, built or rebuilt by bin/orgtrail
#                        when missing or older than the sources)
#   ORGTRAIL_MINIO_BIN   use this MinIO binary (default: what scripts/install-minio.sh finds or builds)
#   ORGTRAIL_SKIP_PREPARE=1  do not run install-docker.sh and prepare-base-images.sh
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
log() { echo "build-images: $*" >&2; }
die() { echo "build-images: $*" >&2; exit 1; }

TAG="${ORGTRAIL_IMAGE_TAG:-dev}"
# Plain `docker build` with the legacy builder: it uses the local FROM images and never pulls.
export DOCKER_BUILDKIT=0

total_start=$SECONDS
if [ "${ORGTRAIL_SKIP_PREPARE:-0}" != 1 ]; then
  bash "$root/scripts/install-docker.sh"
  bash "$root/scripts/prepare-base-images.sh"
fi

# The artefacts.
if [ -n "${ORGTRAIL_JAR:-}" ]; then
  jar="$ORGTRAIL_JAR"
  [ -f "$jar" ] || die "ORGTRAIL_JAR=$jar does not exist"
else
  jar="$root/cli/target/orgtrail.jar"
  start=$SECONDS
  # bin/orgtrail builds the self-contained jar when it is missing or older than the sources.
  bash "$root/bin/orgtrail" --version >/dev/null
  [ -f "$jar" ] || die "bin/orgtrail did not produce $jar; see cli/build.log"
  log "jar ready: $jar ($((SECONDS - start)) s)"
fi
minio_bin="$(bash "$root/scripts/install-minio.sh" | tail -n 1)"
[ -x "$minio_bin" ] || die "scripts/install-minio.sh did not give an executable MinIO binary (got '$minio_bin')"

contexts="$(mktemp -d /tmp/orgtrail-build.XXXXXX)"
trap 'rm -rf "$contexts"' EXIT

# build IMAGE DIR ARTEFACT [TARGET]: a context of docker/DIR/* plus the artefact, built (up to the stage TARGET) as
# orgtrail/IMAGE:TAG.
build() {
  local name="$1" dir="$2" artefact="$3" target="${4:-}" ctx="$contexts/$1" start=$SECONDS out
  mkdir -p "$ctx"
  cp -r "$root/docker/$dir/." "$ctx/"
  # A hard link where possible: the jar is 40+ MB and MinIO 150 MB.
  ln "$artefact" "$ctx/$(basename "$artefact")" 2>/dev/null || cp "$artefact" "$ctx/"
  if ! out="$(docker build ${target:+--target "$target"} -t "orgtrail/$name:$TAG" "$ctx" 2>&1)"; then
    echo "$out" | tail -n 30 >&2
    die "building orgtrail/$name:$TAG failed (last lines above)"
  fi
  log "built orgtrail/$name:$TAG ($(docker image inspect --format '{{.Size}}' "orgtrail/$name:$TAG" | awk '{printf "%.0f MB", $1/1e6}')) in $((SECONDS - start)) s"
}

build aggregator orgtrail "$jar" aggregator
build agent orgtrail "$jar" agent
build minio minio "$minio_bin"
# The binary comes from the host's `go install`; where it links a newer C library than Debian bookworm's, it would
# build fine and fail only at start. Check now.
if ! docker run --rm "orgtrail/minio:$TAG" --version >/dev/null 2>&1; then
  docker run --rm "orgtrail/minio:$TAG" --version 2>&1 | tail -n 5 >&2 || true
  die "$minio_bin does not run in orgtrail/minio:$TAG (Debian bookworm); rebuild it statically: CGO_ENABLED=0 go install github.com/minio/minio@... and set ORGTRAIL_MINIO_BIN"
fi
# Untagged leftovers of earlier builds of the same tags.
docker image prune -f --filter "dangling=true" >/dev/null 2>&1 || true
log "images ready in $((SECONDS - total_start)) s: orgtrail/aggregator:$TAG orgtrail/agent:$TAG orgtrail/minio:$TAG"
