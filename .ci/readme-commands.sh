#!/usr/bin/env bash
# Runs the sample commands README.md gives, as written, and checks their exit codes and key output:
# offline by default, failover to Claude on a Grok fault, manual intervention when both fail, the hosted monitor.
# Then the samples with a key for one provider only, and with configuration mistakes. No run may print a stack trace.
# Nothing here calls a real provider: without keys the samples use the loopback emulator, and where a key is set the
# provider's BaseUrl points at a loopback port where nothing listens (the call fails: exit 2).
set -euo pipefail
cd "$(dirname "$0")/.."

fail() { echo "readme-commands: FAILED: $*" >&2; exit 1; }

# run EXPECTED_EXIT PATTERN... -- COMMAND...: runs the command, checks its exit code, that its output matches every
# PATTERN (extended regular expressions, each on some line) and that it holds no stack frame ("   at Type.Method(").
run() {
  local expected="$1" patterns=()
  shift
  while [ "$1" != "--" ]; do patterns+=("$1"); shift; done
  shift
  echo "readme-commands: \$ $*"
  local output status=0 pattern
  output="$("$@" 2>&1)" || status=$?
  [ "$status" -eq "$expected" ] || { echo "$output" >&2; fail "'$*' exited $status (expected $expected)"; }
  for pattern in "${patterns[@]}"; do
    grep -Eq "$pattern" <<<"$output" || { echo "$output" >&2; fail "the output of '$*' lacks /$pattern/"; }
  done
  if grep -Eq '^[[:space:]]+at [[:alnum:]_.`<>]+[.][[:alnum:]_`<>]+\(' <<<"$output"; then
    echo "$output" >&2
    fail "'$*' printed a stack trace"
  fi
}

console=samples/MultiModel.Samples.Console
hosted=samples/MultiModel.Samples.HostedService
closed_grok=--MultiModel:Providers:grok:BaseUrl=http://127.0.0.1:9/v1
closed_claude=--MultiModel:Providers:claude:BaseUrl=http://127.0.0.1:9

# No keys: the samples must use the emulator whatever the environment holds.
unset XAI_API_KEY ANTHROPIC_API_KEY

run 0 "Answered by: grok" -- dotnet run --project $console
run 0 "Answered by: claude" -- dotnet run --project $console -- --fault grok=503
run 2 "MANUAL INTERVENTION REQUIRED" -- dotnet run --project $console -- --fault grok=503 --fault claude=529
run 0 "Answered by: claude" -- dotnet run --project $console -- --stream --fault grok=stream-cut
run 0 "Answered by: claude" "grok skipped: context window: ~1[45][0-9]k tokens > 131k" -- dotnet run --project $console -- --long-log
run 0 "All 2 batches analysed" -- dotnet run --project $hosted -- --batches 2
run 0 "Activity.DisplayName: +failover default" "Activity.DisplayName: +chat claude" "Metric Name: multimodel.failovers" \
  -- dotnet run --project $hosted -- --batches 1 --fault grok=503 --console-telemetry
# OTLP to a loopback port where nothing listens: the export fails quietly, the monitor still does its work.
run 0 "All 1 batches analysed" -- env OTEL_EXPORTER_OTLP_ENDPOINT=http://127.0.0.1:9 dotnet run --project $hosted -- --batches 1

# A key for one provider only: the sample names the provider without a key and runs a chain of the other one.
run 2 "No API key for claude" "Failover chain: grok \(" -- env XAI_API_KEY=xai-not-a-real-key dotnet run --project $console -- $closed_grok
run 2 "No API key for grok" "Failover chain: claude \(" -- env ANTHROPIC_API_KEY=sk-ant-not-a-real-key dotnet run --project $console -- $closed_claude
run 0 "using the built-in provider emulator" -- env XAI_API_KEY=xai-not-a-real-key dotnet run --project $console -- --offline
run 2 "No API key for claude" "MANUAL INTERVENTION REQUIRED.*1 attempts" -- env XAI_API_KEY=xai-not-a-real-key dotnet run --project $hosted -- --batches 1 $closed_grok
run 2 "No API key for grok" "MANUAL INTERVENTION REQUIRED.*1 attempts" -- env ANTHROPIC_API_KEY=sk-ant-not-a-real-key dotnet run --project $hosted -- --batches 1 $closed_claude

# Configuration mistakes: one line naming the setting, exit 1.
run 1 "^Configuration error: MultiModel:Order:0 names 'gork'" -- dotnet run --project $console -- --MultiModel:Order:0=gork
run 1 "^Configuration error: .*'MultiModel:Failover:AttemptTimeout'" -- dotnet run --project $console -- --MultiModel:Failover:AttemptTimeout=soon
run 1 "^--fault needs the emulator" -- env XAI_API_KEY=xai-not-a-real-key dotnet run --project $console -- --fault grok=503
run 1 "^Configuration error: MultiModel:Order:0 names 'gork'" -- dotnet run --project $hosted -- --batches 1 --MultiModel:Order:0=gork
run 1 "^Configuration error: .*'Monitor:Batches'" -- dotnet run --project $hosted -- --batches two
run 1 "^--replicas shares the providers' state through Redis" -- dotnet run --project $hosted -- --batches 1 --replicas 2
run 1 "^Configuration error: MultiModel:SharedState:Redis:Configuration is not a valid" -- dotnet run --project $hosted -- --batches 1 --replicas 2 --MultiModel:SharedState:Redis:Configuration=localhost:6379,nosuchoption=1
echo "readme-commands: OK"
