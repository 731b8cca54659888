#!/usr/bin/env bash
# Runs the sample commands README.md gives, as written, and checks their exit codes and key output:
# offline by default, failover to Claude on a Grok fault, manual intervention when both fail, the hosted monitor.
set -euo pipefail
cd "$(dirname "$0")/.."

fail() { echo "readme-commands: FAILED: $*" >&2; exit 1; }

# run EXPECTED_EXIT PATTERN COMMAND...: runs the command, checks its exit code and that its output matches PATTERN.
run() {
  local expected="$1" pattern="$2"
  shift 2
  echo "readme-commands: \$ $*"
  local output status=0
  output="$("$@" 2>&1)" || status=$?
  if [ "$status" -ne "$expected" ] || ! grep -Eq "$pattern" <<<"$output"; then
    echo "$output" >&2
    fail "'$*' exited $status (expected $expected) or its output lacks /$pattern/"
  fi
}

# No keys: the samples must use the emulator whatever the environment holds.
unset XAI_API_KEY ANTHROPIC_API_KEY

run 0 "Answered by: grok" dotnet run --project samples/MultiModel.Samples.Console
run 0 "Answered by: claude" dotnet run --project samples/MultiModel.Samples.Console -- --fault grok=503
run 2 "MANUAL INTERVENTION REQUIRED" dotnet run --project samples/MultiModel.Samples.Console -- --fault grok=503 --fault claude=529
run 0 "Answered by: claude" dotnet run --project samples/MultiModel.Samples.Console -- --stream --fault grok=stream-cut
run 0 "All 2 batches analysed" dotnet run --project samples/MultiModel.Samples.HostedService -- --batches 2
echo "readme-commands: OK"
