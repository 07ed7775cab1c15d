#!/usr/bin/env bash
# Makes a Docker engine and docker-compose available on a Debian machine without a container registry:
# installs docker.io, docker-compose (1.29) and debootstrap with apt-get when missing, starts dockerd in the
# background when no engine answers, and waits until `docker info` works. Idempotent: run it as often as you like.
#
# Needs root (CI runs as root). Environment:
#   ORGTRAIL_DOCKERD_LOG      where dockerd's output goes (default /var/log/orgtrail-dockerd.log)
#   ORGTRAIL_DOCKERD_ARGS     extra dockerd arguments, e.g. "--iptables=false" where the kernel has no NAT tables
#   ORGTRAIL_DOCKERD_TIMEOUT  seconds to wait for the engine (default 60)
#   ORGTRAIL_APT_LOG          where apt-get's output goes (default /var/log/orgtrail-apt.log)
set -euo pipefail

log() { echo "install-docker: $*" >&2; }
die() { echo "install-docker: $*" >&2; exit 1; }

DOCKERD_LOG="${ORGTRAIL_DOCKERD_LOG:-/var/log/orgtrail-dockerd.log}"
APT_LOG="${ORGTRAIL_APT_LOG:-/var/log/orgtrail-apt.log}"
TIMEOUT="${ORGTRAIL_DOCKERD_TIMEOUT:-60}"
PACKAGES=(docker.io docker-compose debootstrap)

engine_answers() { command -v docker >/dev/null 2>&1 && docker info >/dev/null 2>&1; }
installed() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q 'install ok installed'; }

is_root=false
[ "$(id -u)" -eq 0 ] && is_root=true

# 1. Packages.
missing=()
if command -v dpkg-query >/dev/null 2>&1; then
  for p in "${PACKAGES[@]}"; do installed "$p" || missing+=("$p"); done
else
  # Not Debian: accept whatever provides the commands.
  command -v dockerd >/dev/null 2>&1 || engine_answers || missing+=(docker.io)
  command -v docker-compose >/dev/null 2>&1 || missing+=(docker-compose)
  command -v debootstrap >/dev/null 2>&1 || missing+=(debootstrap)
fi
if [ "${#missing[@]}" -gt 0 ]; then
  command -v apt-get >/dev/null 2>&1 || die "missing ${missing[*]} and there is no apt-get here; install them with this system's package manager"
  $is_root || die "missing ${missing[*]}; installing them needs root: run 'sudo $0' (or install them yourself: apt-get install -y ${missing[*]})"
  log "installing ${missing[*]} with apt-get (output: $APT_LOG)..."
  start=$SECONDS
  export DEBIAN_FRONTEND=noninteractive
  if ! { apt-get update && apt-get install -y "${missing[@]}"; } >>"$APT_LOG" 2>&1; then
    tail -n 20 "$APT_LOG" >&2
    die "apt-get could not install ${missing[*]}; its last lines are above (full output: $APT_LOG)"
  fi
  log "installed ${missing[*]} in $((SECONDS - start)) s"
else
  log "packages present: ${PACKAGES[*]}"
fi

# 2. The engine.
if engine_answers; then
  log "Docker engine already running ($(docker version --format '{{.Server.Version}}' 2>/dev/null), API $(docker version --format '{{.Server.APIVersion}}' 2>/dev/null))"
else
  if ! $is_root && [ -S /var/run/docker.sock ] && [ ! -w /var/run/docker.sock ]; then
    die "an engine socket exists (/var/run/docker.sock) but you ($(id -un)) may not use it: run as root, or add yourself to its group ('sudo usermod -aG $(stat -c %G /var/run/docker.sock) $(id -un)', then log in again)"
  fi
  # Another run (or another tool) may have started dockerd a moment ago: wait for that one instead of racing it.
  running_pid=""
  if [ -f /var/run/docker.pid ] && kill -0 "$(cat /var/run/docker.pid)" 2>/dev/null; then
    running_pid="$(cat /var/run/docker.pid)"
    log "dockerd is already starting (pid $running_pid); waiting for it"
  else
    $is_root || die "no Docker engine answers ('docker info' fails) and starting dockerd needs root: run 'sudo $0', or start the engine yourself (e.g. 'sudo systemctl start docker') and make sure your user may use /var/run/docker.sock"
    command -v dockerd >/dev/null 2>&1 || die "dockerd is not installed although docker.io is; reinstall it: apt-get install --reinstall docker.io"
    log "starting dockerd in the background (log: $DOCKERD_LOG)"
    # setsid: the engine outlives this script and the terminal or CI step that ran it.
    # shellcheck disable=SC2086
    setsid nohup dockerd ${ORGTRAIL_DOCKERD_ARGS:-} >>"$DOCKERD_LOG" 2>&1 </dev/null &
    running_pid=$!
  fi
  start=$SECONDS
  until engine_answers; do
    if ! kill -0 "$running_pid" 2>/dev/null; then
      tail -n 20 "$DOCKERD_LOG" >&2 2>/dev/null || true
      die "dockerd exited before it answered; its last lines are above (full log: $DOCKERD_LOG). Where the kernel has no iptables NAT, try ORGTRAIL_DOCKERD_ARGS=--iptables=false"
    fi
    if [ $((SECONDS - start)) -ge "$TIMEOUT" ]; then
      tail -n 20 "$DOCKERD_LOG" >&2 2>/dev/null || true
      die "dockerd (pid $running_pid) did not answer within ${TIMEOUT} s; see $DOCKERD_LOG (raise ORGTRAIL_DOCKERD_TIMEOUT if the machine is just slow)"
    fi
    sleep 1
  done
  log "Docker engine $(docker version --format '{{.Server.Version}}') answers after $((SECONDS - start)) s (pid $running_pid)"
fi

command -v docker-compose >/dev/null 2>&1 || die "docker-compose is not on PATH although it was installed; check PATH"
# docker-compose 1.29 is Python: a urllib3 2.x in the user's site-packages (e.g. from `pip install --user awscli`)
# breaks its engine calls. Probe with a real call and say how to run it then.
probe() { printf 'version: "2.4"\nservices:\n  probe:\n    image: scratch\n' \
  | docker-compose -p orgtrail-probe -f - ps >/dev/null 2>&1; }
if probe; then
  compose_note=""
elif PYTHONNOUSERSITE=1 probe; then
  compose_note=" (only with PYTHONNOUSERSITE=1: a urllib3 2.x in your user site-packages breaks it; the orgtrail scripts set it, set it yourself: export PYTHONNOUSERSITE=1, or run 'PYTHONNOUSERSITE=1 docker-compose ...')"
else
  die "docker-compose cannot talk to the engine; run 'docker-compose ps' to see why"
fi
log "docker-compose $(PYTHONNOUSERSITE=1 docker-compose version --short 2>/dev/null || echo '?')$compose_note; storage driver $(docker info --format '{{.Driver}}')"
