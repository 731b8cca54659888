#!/usr/bin/env bash
# NativeAOT proof: publishes the console sample natively (linux-x64), fails on any warning, then runs the binary
# offline on the provider emulator (exit 0) and with a Grok fault (Claude answers, exit 0).
# Installs what the native link needs (clang, zlib1g-dev) only when it is missing.
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=install-missing.sh
source .ci/install-missing.sh

fail() { echo "native-aot: FAILED: $*" >&2; exit 1; }

missing=()
command -v clang >/dev/null 2>&1 || missing+=(clang)
dpkg -s zlib1g-dev >/dev/null 2>&1 || missing+=(zlib1g-dev)
install_missing native-aot "${missing[@]}"

out="$(mktemp -d)"
log="$out.log"
trap 'rm -rf "$out" "$log"' EXIT

# The command README.md gives, with warnings as errors (trim, AOT and native-link warnings alike).
status=0
dotnet publish samples/MultiModel.Samples.Console -c Release -r linux-x64 -p:PublishAot=true \
  -p:TreatWarningsAsErrors=true -o "$out" --nologo >"$log" 2>&1 || status=$?
if [ "$status" -ne 0 ] || grep -Eiq '(^|[^a-z])warning([^a-z]|$)' "$log"; then
  cat "$log" >&2
  fail "the NativeAOT publish exited $status or printed a warning"
fi

binary="$out/MultiModel.Samples.Console"
[ -x "$binary" ] || fail "$binary was not produced"
echo "native-aot: $(du -h "$binary" | cut -f1) native binary, no warnings"

# check EXPECTED_EXIT PATTERN ARGS...: runs the binary offline (no keys) and checks its exit code and output.
check() {
  local expected="$1" pattern="$2"
  shift 2
  local output code=0
  output="$(env -u XAI_API_KEY -u ANTHROPIC_API_KEY "$binary" "$@" 2>&1)" || code=$?
  if [ "$code" -ne "$expected" ] || ! grep -Eq "$pattern" <<<"$output"; then
    echo "$output" >&2
    fail "'$binary $*' exited $code (expected $expected) or its output lacks /$pattern/"
  fi
  echo "native-aot: '$*' exited $code: $(grep -E "$pattern" <<<"$output" | head -1)"
}

check 0 "Answered by: grok"
check 0 "Answered by: claude" --fault grok=503
echo "native-aot: OK"
