#!/usr/bin/env bash
# Smoke test of the compose deployment (docker/compose.yaml), end to end on this machine:
#   1. builds the images (scripts/build-images.sh: engine, base images, orgtrail/*:dev);
#   2. docker-compose up -d, under its own project name so it never touches a deployment you run yourself;
#   3. waits until MinIO holds log files and digest files for all three accounts (listed with the AWS CLI as MinIO's
#      root user; without the AWS CLI, with `orgtrail logs ls` as the platform team);
#   4. reads as a member admin from outside the compose network, with the certificate the setup service issued:
#      `orgtrail logs ls` for her own account, refused for another one; with the AWS CLI also MinIO itself
#      (credentials from `orgtrail logs env`): her prefix listed, another account's AccessDenied;
#   5. stops the agents and the aggregator (which writes a final digest for every chain) and runs
#      `orgtrail validate-logs` over everything delivered;
#   6. docker-compose down -v (also on failure or Ctrl-C; ORGTRAIL_SMOKE_KEEP=1 leaves it running).
# Exit code 0 only when every step passed.
#
# Environment: ORGTRAIL_SMOKE_TIMEOUT (seconds to wait for log files and digests, default 240),
# ORGTRAIL_SMOKE_PROJECT (default orgtrail-smoke), ORGTRAIL_SMOKE_KEEP=1, and compose.yaml's variables
# (ports: ORGTRAIL_MINIO_PORT, ORGTRAIL_ACCESS_PORT, ...). The smoke test shortens ORGTRAIL_ROLL_INTERVAL to 5s and
# ORGTRAIL_DIGEST_PERIOD to 15s unless they are set.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
log() { echo "[smoke $(date -u +%H:%M:%S)] $*" >&2; }
fail() { echo "[smoke] FAILED: $*" >&2; exit 1; }

TIMEOUT="${ORGTRAIL_SMOKE_TIMEOUT:-240}"
export COMPOSE_PROJECT_NAME="${ORGTRAIL_SMOKE_PROJECT:-orgtrail-smoke}"
export ORGTRAIL_ROLL_INTERVAL="${ORGTRAIL_ROLL_INTERVAL:-5s}"
export ORGTRAIL_DIGEST_PERIOD="${ORGTRAIL_DIGEST_PERIOD:-15s}"
# The values compose.yaml defaults to; the same variables override both.
ORG_ID="${ORGTRAIL_ORG_ID:-o-a1b2c3d4e5}"
ACCOUNTS=("${ORGTRAIL_ACCOUNT_1:-111111111111}" "${ORGTRAIL_ACCOUNT_2:-222222222222}" "${ORGTRAIL_ACCOUNT_3:-333333333333}")
MINIO_URL="http://localhost:${ORGTRAIL_MINIO_PORT:-9000}"
ACCESS="localhost:${ORGTRAIL_ACCESS_PORT:-7443}"
ROOT_USER="${MINIO_ROOT_USER:-orgtrail-root}"
ROOT_PASSWORD="${MINIO_ROOT_PASSWORD:-orgtrail-root-secret}"

# docker-compose 1.29 is Python; a urllib3 2.x in the user's site-packages (e.g. from `pip install --user awscli`)
# breaks it ("unexpected keyword argument 'chunked'"), so it runs without them. The AWS CLI may live there: only
# docker-compose gets this setting.
compose() { PYTHONNOUSERSITE=1 docker-compose -f "$root/docker/compose.yaml" "$@"; }
orgtrail() { java -jar "$jar" "$@"; }

work="$(mktemp -d /tmp/orgtrail-smoke.XXXXXX)"
started=false
cleanup() {
  local status=$?
  if $started; then
    if [ "$status" -ne 0 ]; then
      log "logs of the failed run (last 30 lines per service):"
      compose logs --no-color --tail 30 >&2 2>/dev/null || true
    fi
    if [ "${ORGTRAIL_SMOKE_KEEP:-0}" = 1 ]; then
      log "left running (ORGTRAIL_SMOKE_KEEP=1); stop it with: COMPOSE_PROJECT_NAME=$COMPOSE_PROJECT_NAME PYTHONNOUSERSITE=1 docker-compose -f docker/compose.yaml down -v"
    else
      local start=$SECONDS
      compose down -v --remove-orphans >/dev/null 2>&1 || true
      log "docker-compose down -v: $((SECONDS - start)) s"
    fi
  fi
  rm -rf "$work"
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# 1. Images.
start=$SECONDS
bash "$root/scripts/build-images.sh"
jar="${ORGTRAIL_JAR:-$root/cli/target/orgtrail.jar}"
log "images ready: $((SECONDS - start)) s"

if [ -n "$(compose ps -q 2>/dev/null)" ]; then
  fail "project $COMPOSE_PROJECT_NAME is already running; stop it first (COMPOSE_PROJECT_NAME=$COMPOSE_PROJECT_NAME docker-compose -f docker/compose.yaml down -v)"
fi

# 2. Up.
t0="$(date -u +%Y-%m-%dT%H:%M:%SZ)"
up_start=$SECONDS
started=true
log "docker-compose up -d (project $COMPOSE_PROJECT_NAME; roll interval $ORGTRAIL_ROLL_INTERVAL, digest period $ORGTRAIL_DIGEST_PERIOD)"
compose up -d 2>&1 | grep -v -e '^Creating' -e '^$' >&2 || true
setup_exit="$(docker inspect --format '{{.State.Status}} {{.State.ExitCode}}' "$(compose ps -q setup)" 2>/dev/null || echo missing)"
[ "$setup_exit" = "exited 0" ] || fail "the setup service is '$setup_exit' (expected 'exited 0')"
# `up -d` waits for the conditions others depend on (MinIO and the aggregator healthy); nothing waits for agents.
state_of() { docker inspect --format '{{.State.Status}} {{if .State.Health}}{{.State.Health.Status}}{{end}}' "$(compose ps -q "$1")" 2>/dev/null || echo missing; }
for s in minio aggregator agent-1 agent-2 agent-3; do
  while state="$(state_of "$s")"; [ "$state" != "running healthy" ]; do
    case "$state" in
      "running starting") [ $((SECONDS - up_start)) -lt 120 ] || fail "service $s is still starting 120 s after docker-compose up" ;;
      *) fail "service $s is '$state' after docker-compose up" ;;
    esac
    sleep 1
  done
done
log "all services healthy, setup done: $((SECONDS - up_start)) s after docker-compose up"

# The identities the setup service issued (alice: member admin of account 1; platform: every account).
for who in alice platform; do
  docker cp "$(compose ps -q setup):/setup/identities/$who" "$work/$who"
done

# 3. Log files and digests for every account.
listing() {
  if command -v aws >/dev/null 2>&1; then
    AWS_ACCESS_KEY_ID="$ROOT_USER" AWS_SECRET_ACCESS_KEY="$ROOT_PASSWORD" AWS_DEFAULT_REGION=us-east-1 \
      aws --endpoint-url "$MINIO_URL" s3 ls s3://orgtrail/ --recursive 2>/dev/null | awk '{print $4}'
  else
    orgtrail logs ls --access "$ACCESS" --identity "$work/platform" 2>/dev/null | awk '$4 ~ /^AWSLogs\// {print $4}'
  fi
}
count() { grep -c "^AWSLogs/$ORG_ID/$1/$2/" <<<"$3" || true; }
if command -v aws >/dev/null 2>&1; then how="aws s3 ls --recursive as MinIO's root user"; else how="orgtrail logs ls as the platform team"; fi
log "waiting up to ${TIMEOUT} s for log files and digests of ${ACCOUNTS[*]} ($how)"
first_log="" first_digest="" complete=false
while [ $((SECONDS - up_start)) -lt "$TIMEOUT" ]; do
  keys="$(listing || true)"
  complete=true
  for a in "${ACCOUNTS[@]}"; do
    logs="$(count "$a" CloudTrail "$keys")"; digests="$(count "$a" CloudTrail-Digest "$keys")"
    [ -z "$first_log" ] && [ "$logs" -gt 0 ] && first_log=$((SECONDS - up_start))
    [ -z "$first_digest" ] && [ "$digests" -gt 0 ] && first_digest=$((SECONDS - up_start))
    { [ "$logs" -gt 0 ] && [ "$digests" -gt 0 ]; } || complete=false
  done
  $complete && break
  sleep 3
done
all_found=$((SECONDS - up_start))
echo "objects in s3://orgtrail ($how), $all_found s after docker-compose up:"
printf '  %-14s %10s %8s  %s\n' ACCOUNT "LOG FILES" DIGESTS REGIONS
for a in "${ACCOUNTS[@]}"; do
  regions="$(grep "^AWSLogs/$ORG_ID/$a/CloudTrail/" <<<"$keys" | cut -d/ -f5 | sort -u | tr '\n' ' ')"
  printf '  %-14s %10s %8s  %s\n' "$a" "$(count "$a" CloudTrail "$keys")" "$(count "$a" CloudTrail-Digest "$keys")" "$regions"
done
echo "  e.g. $(grep -m1 '/CloudTrail/' <<<"$keys" || true)"
echo "  e.g. $(grep -m1 '/CloudTrail-Digest/' <<<"$keys" || true)"
echo "first log file after ${first_log:-?} s, first digest after ${first_digest:-?} s, all accounts after $all_found s"
$complete || fail "no log files and digests for every account within ${TIMEOUT} s"

# 4. Read access from outside the compose network, as alice (member admin of account 1).
own="${ACCOUNTS[0]}" other="${ACCOUNTS[1]}"
orgtrail logs ls --access "$ACCESS" --identity "$work/alice" >"$work/alice-ls" 2>&1 \
  || { cat "$work/alice-ls" >&2; fail "alice could not list her own account's logs through $ACCESS"; }
alice_objects="$(grep -c "AWSLogs/$ORG_ID/$own/" "$work/alice-ls" || true)"
grep -q "AWSLogs/$ORG_ID/$other/" "$work/alice-ls" && fail "alice's listing shows account $other"
echo "read access as alice (member-admin of $own) via $ACCESS: orgtrail logs ls lists $alice_objects objects, all under AWSLogs/$ORG_ID/$own/"
if orgtrail logs ls --access "$ACCESS" --identity "$work/alice" --account "$other" >"$work/alice-other" 2>&1; then
  fail "alice was allowed to list account $other"
fi
echo "  account $other: refused: $(grep -m1 'may read only' "$work/alice-other" | sed 's/^orgtrail [a-z]*: //')"
if command -v aws >/dev/null 2>&1; then
  (
    eval "$(orgtrail logs env --access "$ACCESS" --identity "$work/alice" --duration 15m 2>/dev/null)"
    n="$(aws s3 ls "s3://orgtrail/AWSLogs/$ORG_ID/$own/" --recursive 2>/dev/null | wc -l)"
    [ "$n" -gt 0 ] || { echo "[smoke] FAILED: alice's STS credentials list nothing under her prefix at $AWS_ENDPOINT_URL_S3" >&2; exit 1; }
    if err="$(aws s3 ls "s3://orgtrail/AWSLogs/$ORG_ID/$other/" 2>&1)"; then
      echo "[smoke] FAILED: MinIO let alice's credentials list account $other" >&2; exit 1
    fi
    grep -q AccessDenied <<<"$err" || { echo "[smoke] FAILED: expected AccessDenied from MinIO, got: $err" >&2; exit 1; }
    echo "  aws s3 ls with 'orgtrail logs env' credentials at $AWS_ENDPOINT_URL_S3: $n objects under her prefix; account $other: AccessDenied (from MinIO)"
  ) || fail "MinIO read access as alice"
fi

# 5. Stop the writers (the aggregator writes a final digest for every chain) and validate every chain.
start=$SECONDS
compose stop agent-1 agent-2 agent-3 >/dev/null 2>&1
compose stop aggregator >/dev/null 2>&1
log "agents and aggregator stopped: $((SECONDS - start)) s"
echo "orgtrail validate-logs --start-time $t0 (in a one-off aggregator container):"
if ! compose run --rm --no-deps aggregator validate-logs --config /etc/orgtrail/aggregator.yaml --start-time "$t0" \
    >"$work/validate" 2>&1; then
  cat "$work/validate"
  fail "validate-logs found invalid or missing files"
fi
grep -E 'files valid|INVALID' "$work/validate" | sed 's/^/  /'

echo "OK: log files and digests for ${ACCOUNTS[*]}, read access as a member admin from outside, every chain valid"
