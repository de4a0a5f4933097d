#!/usr/bin/env bash
# Does the regression gate hold on this machine? Builds this working tree twice (two folders, one build)
# and once more with Simd slowed on purpose (a spin after each run: a variant built here, never shipped),
# then counts, over N separate invocations each:
#   1. A/B, unchanged:  compare --baseline-build A, run from B, --fail-on-regression   (want: passes >= 19/20)
#   2. A/B, slowed:     the same run from the slow build                               (want: caught >= 19/20)
#   3. saved, unchanged: measure --processes 3 from B, compared with A's saved set    (want: Slower <= 1/20)
#   4. saved, slowed:   the same from the slow build                                   (want: Slower or Inconclusive, never Same/Faster)
#   5. saved, unchanged, beside a neighbour that keeps one core busy (sha256sum): how far the wall and the
#      CPU clocks' speedups move under load, against scenario 3 (the second clock).
# SCENARIOS=ab,saved,loaded picks which run (default all).
# Usage: benchmarks/gate-reliability.sh [N] [SLOWDOWN] [KERNEL]    (defaults: 20, 1.11, Simd)
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-20}
slowdown=${2:-1.11}
scenarios=${SCENARIOS:-ab,saved,loaded}
kernel=${3:-Simd}
problem=(-k "$kernel" -w 600 --height 600 -i 500)
work=$(mktemp -d)
load=""
trap '[ -z "$load" ] || kill "$load" 2>/dev/null; rm -rf "$work"' EXIT

isa=$(grep -q -w avx512f /proc/cpuinfo && echo AVX-512 || echo AVX2)
echo "machine: $(lscpu | sed -n 's/^Model name: *//p') (family $(lscpu | sed -n 's/^CPU family: *//p') model $(lscpu | sed -n 's/^Model: *//p')), $(nproc) cores, $isa; load average $(cut -d' ' -f1-3 /proc/loadavg)"
publish() { dotnet publish "$1/src/MandelPS.Cli" -c Release -f net10.0 -o "$2" --nologo -v q >/dev/null; }
publish . "$work/a"
publish . "$work/b"
mkdir "$work/src"
cp -r src Directory.Build.props Directory.Packages.props global.json "$work/src/"
find "$work/src" -type d \( -name bin -o -name obj \) -prune -exec rm -rf {} +
python3 - "$work/src/src/MandelPS.Engine/Kernels/SimdKernel.cs" "$slowdown" <<'PY'
import sys
path, factor = sys.argv[1], sys.argv[2]
s = open(path).read()
old = "        var rows = new SimdRows<T>(job);"
assert old in s
s = s.replace(old, "        var spent = System.Diagnostics.Stopwatch.StartNew();\n" + old)
old = "            rows.SolveRow(j);\n        }\n"
s = s.replace(old, old + f"\n        var until = spent.Elapsed.TotalMilliseconds * {factor};\n        while (spent.Elapsed.TotalMilliseconds < until)\n        {{\n        }}\n", 1)
open(path, "w").write(s)
PY
publish "$work/src" "$work/slow"
a="$work/a/MandelPS.Cli.dll"; b="$work/b/MandelPS.Cli.dll"; slow="$work/slow/MandelPS.Cli.dll"

field() { python3 -c 'import csv, sys; rows = list(csv.DictReader(sys.stdin)); print(" ".join(r[sys.argv[1]] for r in rows) if rows else "-")' "$1"; }
row() { python3 -c 'import csv, sys; r = next(csv.DictReader(sys.stdin), None); print(" ".join(r[k] if r else "-" for k in sys.argv[1:]))' "$@"; }

echo "true ratio (slow against A, one long alternating run, 60 rounds):"
dotnet "$slow" compare "${problem[@]}" --baseline-build "$work/a" --runs 60 --format csv 2>/dev/null | row Speedup SpeedupCiLower SpeedupCiUpper CpuSpeedup | sed 's/^/  speedup, interval, cpu speedup: /'

declare -A count
tally() { count["$1 $2"]=$(( ${count["$1 $2"]:-0} + 1 )); }
for ((i = 1; i <= n; i++)); do
  [[ $scenarios == *ab* ]] || break
  for side in unchanged slowed; do
    from=$b; [ "$side" = unchanged ] || from=$slow
    set +e
    out=$(dotnet "$from" compare "${problem[@]}" --baseline-build "$work/a" --threshold 0.05 --fail-on-regression --format csv 2>/dev/null); code=$?
    set -e
    verdict=$(printf '%s\n' "$out" | row Verdict Speedup CpuSpeedup)
    tally "ab-$side" "exit$code"
    echo "A/B $side $i: exit $code, verdict speedup cpu: $verdict"
  done
done

dotnet "$a" measure "${problem[@]}" --processes 3 --format csv -o "$work/base.csv" >/dev/null 2>&1
: > "$work/clocks.txt"
saved() { # side from loaded
  local from=$b
  [ "$1" = unchanged ] || from=$slow
  [ "$3" = no ] || { sha256sum /dev/zero & load=$!; }
  dotnet "$from" measure "${problem[@]}" --processes 3 --format csv -o "$work/now.csv" --force >/dev/null 2>&1
  [ -z "$load" ] || { kill "$load"; wait "$load" 2>/dev/null || true; load=""; }
  local result
  result=$(dotnet "$b" compare --reference "$work/base.csv" --difference "$work/now.csv" --threshold 0.05 --format csv 2>/dev/null | row Verdict Speedup CpuSpeedup Drift)
  tally "saved-$1$( [ "$3" = no ] || echo -loaded)" "$(echo "$result" | cut -d' ' -f1)"
  [ "$1" = slowed ] || echo "$3 $result" >> "$work/clocks.txt"
  echo "saved $1 $2 (load: $3): verdict speedup cpu drift: $result"
}
for ((i = 1; i <= n; i++)); do
  if [[ $scenarios == *saved* ]]; then saved unchanged "$i" no; saved slowed "$i" no; fi
  if [[ $scenarios == *loaded* ]]; then saved unchanged "$i" yes; fi
done

echo
echo "summary over $n invocations each ($kernel, 600x600, 500 iterations, threshold 5%):"
for key in "${!count[@]}"; do echo "  $key: ${count[$key]}"; done | sort
echo "spread of the unchanged saved comparisons' speedups (max/min), by clock:"
python3 - "$work/clocks.txt" <<'PY'
import sys, statistics
rows = [l.split() for l in open(sys.argv[1]) if l.strip()]
for loaded in ("no", "yes"):
    wall = [float(r[2]) for r in rows if r[0] == loaded]
    cpu = [float(r[3]) for r in rows if r[0] == loaded and r[3] not in ("", "-")]
    if wall and cpu:
        print(f"  load {loaded}: wall {min(wall):.3f}..{max(wall):.3f} (sd {statistics.pstdev(wall):.3f}); cpu {min(cpu):.3f}..{max(cpu):.3f} (sd {statistics.pstdev(cpu):.3f})")
PY
