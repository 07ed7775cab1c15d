#!/usr/bin/env bash
# Prepares the base images the orgtrail Dockerfiles start FROM, on a machine that cannot pull from a registry:
#   debian:bookworm-slim   a Debian bookworm minbase root filesystem made with debootstrap from this machine's own
#                          Debian mirror, imported with `docker import`;
#   eclipse-temurin:17-jre Debian's OpenJDK 17 JRE on top of it (docker/base/Dockerfile).
# They carry the public names so the same Dockerfiles build unchanged where a registry exists.
# Idempotent: an image that is already there is left alone (--force rebuilds both). Needs root (debootstrap)
# and a running engine (scripts/install-docker.sh).
#
# Environment:
#   ORGTRAIL_DEBIAN_MIRROR  the mirror to debootstrap from (default: read from /etc/apt/sources.list*)
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
log() { echo "prepare-base-images: $*" >&2; }
die() { echo "prepare-base-images: $*" >&2; exit 1; }

DEBIAN_IMAGE="debian:bookworm-slim"
JRE_IMAGE="eclipse-temurin:17-jre"
SUITE="bookworm"
force=false
case "${1:-}" in
  --force) force=true ;;
  "") ;;
  *) die "unknown argument '$1'; usage: $0 [--force]" ;;
esac

# Plain `docker build` with the legacy builder: it uses local FROM images and never pulls.
export DOCKER_BUILDKIT=0

have_image() { docker image inspect "$1" >/dev/null 2>&1; }

# The first Debian mirror this machine's apt uses for the bookworm suite itself (not -security/-updates).
debian_mirror() {
  if [ -n "${ORGTRAIL_DEBIAN_MIRROR:-}" ]; then echo "$ORGTRAIL_DEBIAN_MIRROR"; return; fi
  local f found=""
  # One-line format: deb [options] URI SUITE COMPONENTS...
  for f in /etc/apt/sources.list /etc/apt/sources.list.d/*.list; do
    [ -f "$f" ] || continue
    found="$(awk -v suite="$SUITE" '
      $1 == "deb" { i = 2; if ($2 ~ /^\[/) { while (i <= NF && $i !~ /\]$/) i++; i++ }
                    if ($(i + 1) == suite) { print $i; exit } }' "$f")"
    [ -n "$found" ] && { echo "$found"; return; }
  done
  # deb822 format: stanzas with Types:, URIs:, Suites:, separated by blank lines.
  for f in /etc/apt/sources.list.d/*.sources; do
    [ -f "$f" ] || continue
    found="$(awk -v suite="$SUITE" '
      function check() { if (!done && types ~ /(^| )deb( |$)/ && (" " suites " ") ~ (" " suite " ") && uris != "") { split(uris, u, " "); print u[1]; done = 1; exit } }
      /^[ \t]*$/ { check(); types = suites = uris = ""; next }
      /^[ \t]*#/ { next }
      tolower($1) == "types:"  { $1 = ""; types = $0 }
      tolower($1) == "suites:" { $1 = ""; suites = $0 }
      tolower($1) == "uris:"   { $1 = ""; uris = $0 }
      END { check() }' "$f")"
    [ -n "$found" ] && { echo "$found"; return; }
  done
  echo "http://deb.debian.org/debian"
}

docker info >/dev/null 2>&1 || die "no Docker engine answers; run scripts/install-docker.sh first"
total_start=$SECONDS

if $force || ! have_image "$DEBIAN_IMAGE"; then
  [ "$(id -u)" -eq 0 ] || die "building $DEBIAN_IMAGE needs root (debootstrap); run 'sudo $0'"
  command -v debootstrap >/dev/null 2>&1 || die "debootstrap is missing; run scripts/install-docker.sh (it installs it) or apt-get install debootstrap"
  mirror="$(debian_mirror)"
  rootfs="$(mktemp -d /tmp/orgtrail-rootfs.XXXXXX)"
  trap 'rm -rf "$rootfs"' EXIT
  log "debootstrap --variant=minbase $SUITE from $mirror (about 30 s)..."
  start=$SECONDS
  if ! debootstrap --variant=minbase "$SUITE" "$rootfs" "$mirror" >"$rootfs.log" 2>&1; then
    tail -n 20 "$rootfs.log" >&2
    die "debootstrap from $mirror failed (last lines above, full log $rootfs.log); set ORGTRAIL_DEBIAN_MIRROR to a reachable Debian mirror"
  fi
  rm -f "$rootfs.log"
  # What the official slim image also leaves out: downloaded packages and package lists.
  rm -rf "$rootfs"/var/cache/apt/archives/*.deb "$rootfs"/var/lib/apt/lists/* "$rootfs"/tmp/*
  log "debootstrap took $((SECONDS - start)) s"
  start=$SECONDS
  tar --numeric-owner -C "$rootfs" -c . \
    | docker import --change 'CMD ["bash"]' --change 'LABEL org.orgtrail.local-base=debootstrap-minbase' - "$DEBIAN_IMAGE" >/dev/null
  rm -rf "$rootfs"
  trap - EXIT
  log "imported $DEBIAN_IMAGE ($(docker image inspect --format '{{.Size}}' "$DEBIAN_IMAGE" | awk '{printf "%.0f MB", $1/1e6}')) in $((SECONDS - start)) s"
else
  log "$DEBIAN_IMAGE is already there"
fi

if $force || ! have_image "$JRE_IMAGE"; then
  log "building $JRE_IMAGE from docker/base/Dockerfile (about 15 s)..."
  start=$SECONDS
  build_log="$(mktemp /tmp/orgtrail-jre-build.XXXXXX.log)"
  if ! docker build -q -t "$JRE_IMAGE" "$root/docker/base" >"$build_log" 2>&1; then
    tail -n 30 "$build_log" >&2
    die "building $JRE_IMAGE failed (last lines above, full log $build_log); the build runs apt-get inside a container, so the containers need to reach the Debian mirror"
  fi
  rm -f "$build_log"
  log "built $JRE_IMAGE ($(docker image inspect --format '{{.Size}}' "$JRE_IMAGE" | awk '{printf "%.0f MB", $1/1e6}')) in $((SECONDS - start)) s"
else
  log "$JRE_IMAGE is already there"
fi

log "base images ready in $((SECONDS - total_start)) s: $DEBIAN_IMAGE, $JRE_IMAGE"
