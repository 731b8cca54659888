#!/usr/bin/env bash
# The shared-state tests once more, on a real redis-server (the README test command ran them on an embedded Garnet):
# installs Debian's redis-server when it is missing, starts it on a free loopback port with persistence off, runs the
# tests against it (MULTIMODEL_REDIS_ENDPOINT), then the hosted-service sample as two replicas sharing it, and stops it.
# Expects the solution to be built in Release already (.ci/run does it).
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=install-missing.sh
source .ci/install-missing.sh

missing=()
command -v redis-server >/dev/null 2>&1 || missing+=(redis-server)
command -v python3 >/dev/null 2>&1 || missing+=(python3)
install_missing redis-tests "${missing[@]}"

port="$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')"
work="$(mktemp -d)"
stop() {
  redis-cli -p "$port" shutdown nosave >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap stop EXIT
redis-server --bind 127.0.0.1 --port "$port" --save '' --appendonly no --daemonize yes \
  --pidfile "$work/redis.pid" --logfile "$work/redis.log" --dir "$work"
for _ in $(seq 50); do
  redis-cli -p "$port" ping >/dev/null 2>&1 && break
  sleep 0.1
done
echo "redis-tests: $(redis-server --version | cut -d' ' -f1-3) on 127.0.0.1:$port"

MULTIMODEL_REDIS_ENDPOINT="127.0.0.1:$port" dotnet test tests/MultiModel.Redis.Tests -c Release --no-build

# The hosted-service sample as README.md gives it: two replicas sharing this server, offline on the emulator. The first
# replica's Grok answers 429 with a Retry-After beyond the cap; the second, started after it, skips Grok without a call.
echo "redis-tests: \$ dotnet run --project samples/MultiModel.Samples.HostedService -- --batches 2 --replicas 2 --fault grok=rate-limited ..."
output="$(dotnet run --project samples/MultiModel.Samples.HostedService -c Release --no-build -- --batches 2 --replicas 2 \
  --fault grok=rate-limited --MultiModel:SharedState:Redis:Configuration="127.0.0.1:$port" 2>&1)" || { echo "$output" >&2; echo "redis-tests: FAILED: the two-replica sample did not exit 0" >&2; exit 1; }
for pattern in "replica 2 Batch 1: attempt 0 on grok ended Skipped" "MultiModel.SharedState\[404\] Provider grok cools down" "replica 1 All 2 batches analysed" "replica 2 All 2 batches analysed"; do
  grep -Eq "$pattern" <<<"$output" || { echo "$output" >&2; echo "redis-tests: FAILED: the two-replica sample's output lacks /$pattern/" >&2; exit 1; }
done
echo "redis-tests: OK"
