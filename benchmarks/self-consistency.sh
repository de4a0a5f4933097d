#!/usr/bin/env bash
# Does the harness call noise "Same"? Compares a kernel with itself (two separately prepared copies,
# alternated) TRIALS times and counts the verdicts; with a 5% threshold and alpha 0.05, "Same" should
# win the large majority of trials on a quiet machine.
# Usage: benchmarks/self-consistency.sh [TRIALS] [KERNEL]
set -euo pipefail
cd "$(dirname "$0")/.."
trials=${1:-20}
kernel=${2:-Simd}
dotnet build -c Release src/MandelPS.Cli --nologo -v q >/dev/null
for ((t = 0; t < trials; t++)); do
  dotnet src/MandelPS.Cli/bin/Release/net10.0/MandelPS.Cli.dll compare -k "$kernel" --baseline "$kernel" -w 500 --height 500 -f csv 2>/dev/null \
    | python3 -c 'import csv, sys; [print(r["Verdict"]) for r in csv.DictReader(sys.stdin)]'
done | sort | uniq -c | awk -v n="$trials" '{printf "%-7s %3d of %d trials\n", $2, $1, n}'
