#!/usr/bin/env bash
# Installs rsyslog and its RELP modules (Debian packages rsyslog, rsyslog-relp), the peer the pipeline benchmark
# (bin/bench) runs beside orgtrail. Idempotent and quiet when both are installed already.
#
# The system rsyslog service is never started: the benchmark runs its own rsyslogd instances in the foreground with
# private configurations and work directories. Where the package's post-install would start the service (a machine
# with systemd or sysvinit), this script forbids service starts for the duration of the install (policy-rc.d) and
# stops nothing it did not start.
#
# Needs root for apt-get (CI runs as root). Environment:
#   ORGTRAIL_APT_LOG  where apt-get's output goes (default /var/log/orgtrail-apt.log)
set -euo pipefail

log() { echo "install-rsyslog: $*" >&2; }
die() { echo "install-rsyslog: $*" >&2; exit 1; }

APT_LOG="${ORGTRAIL_APT_LOG:-/var/log/orgtrail-apt.log}"
PACKAGES=(rsyslog rsyslog-relp)
# Where Debian's rsyslog keeps its loadable modules; rsyslog-relp adds imrelp.so and omrelp.so there.
MODULE_DIRS=(/usr/lib/x86_64-linux-gnu/rsyslog /usr/lib/aarch64-linux-gnu/rsyslog /usr/lib/rsyslog)

rsyslogd_path() {
  command -v rsyslogd 2>/dev/null && return 0
  [ -x /usr/sbin/rsyslogd ] && { echo /usr/sbin/rsyslogd; return 0; }
  return 1
}
has_relp() {
  local d
  for d in "${MODULE_DIRS[@]}"; do
    [ -f "$d/omrelp.so" ] && [ -f "$d/imrelp.so" ] && return 0
  done
  return 1
}

if rsyslogd_path >/dev/null && has_relp; then
  exit 0
fi

command -v apt-get >/dev/null 2>&1 \
  || die "rsyslogd or its RELP modules are missing and there is no apt-get here; install rsyslog 8 with imrelp/omrelp with this system's package manager"
[ "$(id -u)" -eq 0 ] \
  || die "rsyslogd or its RELP modules are missing; installing them needs root: run 'sudo $0' (or: apt-get install -y ${PACKAGES[*]})"

log "installing ${PACKAGES[*]} with apt-get (output: $APT_LOG)..."
start=$SECONDS
export DEBIAN_FRONTEND=noninteractive
# invoke-rc.d asks /usr/sbin/policy-rc.d whether it may start a service; exit code 101 means "no". Only when no
# policy is in place already (a container image often has one), and removed again afterwards.
policy=/usr/sbin/policy-rc.d
own_policy=false
if [ ! -e "$policy" ]; then
  printf '#!/bin/sh\n# install-rsyslog.sh: no service starts while it installs rsyslog\nexit 101\n' >"$policy"
  chmod 755 "$policy"
  own_policy=true
fi
cleanup() { if $own_policy; then rm -f "$policy"; fi; }
trap cleanup EXIT
installed=false
# A fresh machine has no package lists yet: try without an update first (fast when the lists are there).
if apt-get install -y --no-install-recommends "${PACKAGES[@]}" >>"$APT_LOG" 2>&1; then
  installed=true
elif { apt-get update && apt-get install -y --no-install-recommends "${PACKAGES[@]}"; } >>"$APT_LOG" 2>&1; then
  installed=true
fi
if ! $installed; then
  tail -n 20 "$APT_LOG" >&2
  die "apt-get could not install ${PACKAGES[*]}; its last lines are above (full output: $APT_LOG)"
fi

bin="$(rsyslogd_path)" || die "apt-get installed ${PACKAGES[*]} but there is no rsyslogd on PATH or in /usr/sbin"
has_relp || die "apt-get installed ${PACKAGES[*]} but imrelp.so/omrelp.so are not in ${MODULE_DIRS[*]}"
version="$("$bin" -v 2>/dev/null | head -n 1 | sed 's/ compiled with://; s/  */ /g')"
log "installed $version in $((SECONDS - start)) s ($bin; the system rsyslog service was not started)"
