#!/usr/bin/env bash
# Did a change move the ladder? Builds REV (default: the parent commit) beside the working tree and
# measures both CLIs alternately, ROUNDS times, on the same kernels, printing each side's median
# giga-iterations per second and their ratio. Only options both revisions know are used.
# Usage: benchmarks/before-after.sh [REV] [ROUNDS] [KERNEL ...]
set -euo pipefail
cd "$(dirname "$0")/.."
rev=${1:-HEAD~1}
rounds=${2:-3}
shift $(( $# > 2 ? 2 : $# ))
kernels=("$@")
[ ${#kernels[@]} -gt 0 ] || kernels=(Expanded Simd ParallelSimd)

before=$(mktemp -d)
trap 'git worktree remove --force "$before" >/dev/null 2>&1 || rm -rf "$before"' EXIT
git worktree add -q --detach "$before" "$rev"
dotnet build -c Release "$before/src/MandelPS.Cli" --nologo -v q >/dev/null
dotnet build -c Release src/MandelPS.Cli --nologo -v q >/dev/null
old=""
# The CLI's assembly was renamed (older revisions have mandelps.dll) and gained net10.0 (older ones are net8.0 only).
for tfm in net10.0 net8.0; do
  for name in MandelPS.Cli.dll mandelps.dll; do
    [ -n "$old" ] || [ ! -f "$before/src/MandelPS.Cli/bin/Release/$tfm/$name" ] || old="$before/src/MandelPS.Cli/bin/Release/$tfm/$name"
  done
done
new=src/MandelPS.Cli/bin/Release/net10.0/MandelPS.Cli.dll

args=()
for k in "${kernels[@]}"; do args+=(-k "$k"); done
args+=(-w 1000 --height 1000 -i 1000 --runs 10 --format csv)
gips() { # CSV on stdin (quoted fields hold commas) -> "Kernel GIterPerSec" lines
  python3 -c 'import csv, sys; [print(r["Kernel"], r["GIterPerSec"]) for r in csv.DictReader(sys.stdin)]'
}
results=$(mktemp)
for ((r = 0; r < rounds; r++)); do
  dotnet "$old" measure "${args[@]}" 2>/dev/null | gips | sed 's/^/before /' >> "$results"
  dotnet "$new" measure "${args[@]}" 2>/dev/null | gips | sed 's/^/after /' >> "$results"
done
printf '%-14s %12s %12s %7s\n' kernel "before GIt/s" "after GIt/s" ratio
for k in "${kernels[@]}"; do
  b=$(awk -v k="$k" '$1 == "before" && $2 == k {print $3}' "$results" | sort -g | awk '{a[NR] = $1} END {print a[int((NR + 1) / 2)]}')
  a=$(awk -v k="$k" '$1 == "after" && $2 == k {print $3}' "$results" | sort -g | awk '{a[NR] = $1} END {print a[int((NR + 1) / 2)]}')
  awk -v k="$k" -v b="$b" -v a="$a" 'BEGIN {printf "%-14s %12.3f %12.3f %7.3f\n", k, b, a, a / b}'
done
rm -f "$results"
