#!/usr/bin/env bash
# The compose deployment's one-shot `setup` service (runs in the aggregator image, as root, before the
# aggregator and the agents start). Idempotent: what already exists in the volumes is kept, so `docker-compose up`
# after a `docker-compose stop` or `down` (without -v) reuses the CA, the agents' keys and their registry entries.
#
#   /setup/ca          the organization's CA (ca.pem, ca-key.pem); only this service mounts it
#   /setup/aggregator  aggregator.yaml and tls/ (the access service's certificate), mounted read-only by the aggregator
#   /setup/registry    the enrolled agents' registry, shared with the aggregator
#   /setup/agent-N     agent.yaml and key.json of agent N, mounted read-only by agent N
#   /setup/identities  certificates for people: one member admin per account and one platform reader
set -euo pipefail

log() { echo "setup: $*"; }
# JVM options: JDK_JAVA_OPTIONS from compose.yaml.
orgtrail() { java -jar /opt/orgtrail/orgtrail.jar "$@"; }
need() { [ -n "${!1:-}" ] || { echo "setup: environment variable $1 is required (see docker/compose.yaml)" >&2; exit 2; }; }

for v in ORGTRAIL_ORG_ID ORGTRAIL_ACCOUNT_1 ORGTRAIL_ACCOUNT_2 ORGTRAIL_ACCOUNT_3 MINIO_ROOT_USER MINIO_ROOT_PASSWORD \
    ORGTRAIL_MINIO_ENDPOINT ORGTRAIL_BUCKET ORGTRAIL_ACCESS_S3_ENDPOINT; do
  need "$v"
done
UID_GID="10001:10001"   # the orgtrail user of the aggregator and agent images
org="$ORGTRAIL_ORG_ID"
accounts=("$ORGTRAIL_ACCOUNT_1" "$ORGTRAIL_ACCOUNT_2" "$ORGTRAIL_ACCOUNT_3")
members=(alice bob carol)

# 1. The organization's CA.
if [ -f /setup/ca/ca.pem ]; then
  log "CA: kept /setup/ca/ca.pem"
else
  orgtrail admin ca init --dir /setup/ca --org-id "$org"
fi

# 2. The access service's server certificate, for every name clients use: inside the compose network and from
#    outside (the published port on localhost, or ORGTRAIL_PUBLIC_HOST).
hosts=(aggregator localhost 127.0.0.1)
[ -n "${ORGTRAIL_PUBLIC_HOST:-}" ] && hosts+=("$ORGTRAIL_PUBLIC_HOST")
wanted="$(printf '%s\n' "${hosts[@]}" | sort -u | tr '\n' ' ')"
if [ -f /setup/aggregator/tls/server.pem ] && [ "$(cat /setup/aggregator/tls/hosts 2>/dev/null)" = "$wanted" ]; then
  log "access service certificate: kept (hosts $wanted)"
else
  rm -rf /setup/aggregator/tls
  host_args=()
  for h in "${hosts[@]}"; do host_args+=(--host "$h"); done
  orgtrail admin issue-cert --ca /setup/ca --server "${host_args[@]}" --out /setup/aggregator/tls
  echo "$wanted" > /setup/aggregator/tls/hosts
fi

# 3. One agent per account: its key file, and its public key in the aggregator's registry.
for i in 1 2 3; do
  account="${accounts[$((i - 1))]}"
  key="/setup/agent-$i/key.json"
  if [ -f "$key" ] && grep -q "\"$account\"" "$key"; then
    log "agent-$i: kept its enrollment for account $account"
  else
    # --force: the volume held a key for another account (ORGTRAIL_ACCOUNT_$i changed).
    orgtrail admin enroll --account "$account" --registry-dir /setup/registry --out "$key" --force
  fi
done

# 4. Certificates for people: a member admin for each account, and the platform team.
issue_person() { # NAME ACCOUNT ROLE
  if [ -f "/setup/identities/$1/client.pem" ]; then
    log "identity $1: kept"
  else
    orgtrail admin issue-cert --ca /setup/ca --account "$2" --role "$3" --name "$1" --out "/setup/identities/$1" \
      --validity "${ORGTRAIL_IDENTITY_VALIDITY:-30d}"
  fi
}
for i in 0 1 2; do issue_person "${members[$i]}" "${accounts[$i]}" member-admin; done
issue_person platform "${ORGTRAIL_MANAGEMENT_ACCOUNT:-999999999999}" platform

# 5. The MinIO user read credentials are issued for (it may only read the bucket). Its secret is kept across runs.
secret_file=/setup/aggregator/reader-secret
if [ ! -s "$secret_file" ]; then
  (umask 077; od -An -N20 -tx1 /dev/urandom | tr -d ' \n' > "$secret_file")
fi
reader_secret="$(cat "$secret_file")"
# Its output repeats the secret: show only the first line.
reader_out="$(orgtrail admin minio-reader --endpoint "$ORGTRAIL_MINIO_ENDPOINT" --bucket "$ORGTRAIL_BUCKET" \
  --org-id "$org" --user orgtrail-reader --secret "$reader_secret")"
echo "${reader_out%%$'\n'*}"

# 6. Configuration files (rewritten on every run, so changed settings in compose.yaml take effect).
(umask 077; cat > /setup/aggregator/aggregator.yaml <<EOF
# Written by docker/setup/orgtrail-setup.sh; edit docker/compose.yaml (the setup service's environment) instead.
listen: 0.0.0.0:7700
orgId: $org
rollInterval: ${ORGTRAIL_ROLL_INTERVAL:-10s}
digestPeriod: ${ORGTRAIL_DIGEST_PERIOD:-30s}
trail:
  name: ${ORGTRAIL_TRAIL_NAME:-org-trail}
  homeRegion: us-east-1
  managementAccountId: "${ORGTRAIL_MANAGEMENT_ACCOUNT:-999999999999}"
apiListen: 0.0.0.0:7780
access:
  listen: 0.0.0.0:7443
  tlsDir: /etc/orgtrail/tls
  s3Endpoint: $ORGTRAIL_ACCESS_S3_ENDPOINT
  stsAccessKey: orgtrail-reader
  stsSecretKey: $reader_secret
dataDir: /var/lib/orgtrail
registryDir: /var/lib/orgtrail/registry
store:
  type: minio
  endpoint: $ORGTRAIL_MINIO_ENDPOINT
  bucket: $ORGTRAIL_BUCKET
  # accessKey/secretKey: from the environment (ORGTRAIL_MINIO_ACCESS_KEY / ORGTRAIL_MINIO_SECRET_KEY)
EOF
)
regions=("${ORGTRAIL_REGIONS_1:-us-east-1,eu-west-1}" "${ORGTRAIL_REGIONS_2:-us-west-2}" "${ORGTRAIL_REGIONS_3:-ap-southeast-2,eu-central-1}")
for i in 1 2 3; do
  (umask 077; cat > "/setup/agent-$i/agent.yaml" <<EOF
# Written by docker/setup/orgtrail-setup.sh; edit docker/compose.yaml (the setup service's environment) instead.
keyFile: /etc/orgtrail/key.json
aggregator: aggregator:7700
stateDir: /var/lib/orgtrail
sources:
  http: 0.0.0.0:7801
  generator: {rate: ${ORGTRAIL_GENERATE_RATE:-5}, count: 0, regions: [${regions[$((i - 1))]}]}
batch: {maxEvents: 500, maxBytes: 1048576, maxDelay: 1s}
EOF
  )
done

# The services run as the orgtrail user of their images; people's certificates stay with root (copy them out with
# docker cp, see docker/README.md).
chown -R "$UID_GID" /setup/aggregator /setup/registry /setup/agent-1 /setup/agent-2 /setup/agent-3
log "done: org $org, agents for ${accounts[*]}; identities in the 'identities' volume: ${members[*]} platform"
