#!/usr/bin/env bash
# Runs the benchmarks and writes docs/benchmarks.md (machine, command, ratio summary, full tables, memory probe).
#   tests/MultiModel.Benchmarks/run.sh           full run (about 15-25 minutes on 2 cores)
#   tests/MultiModel.Benchmarks/run.sh --quick   rough run in under two minutes
set -euo pipefail
cd "$(dirname "$0")/../.."
mode="--full"
if [[ "${1:-}" == "--quick" ]]; then mode="--quick"; fi
dotnet build tests/MultiModel.Benchmarks -c Release -nologo -v quiet
dotnet run -c Release --no-build --project tests/MultiModel.Benchmarks -- "$mode" --report docs/benchmarks.md
