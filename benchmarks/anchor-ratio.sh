#!/usr/bin/env bash
# ParallelSimd against the tuned C speed anchor (../shared/anchors/speed), and both against this machine's probed
# arithmetic limit (mandelps limit), in one alternating run: anchor, ours, anchor, ours, ... ROUNDS times. The four
# cases are the anchor's: the standard view and the no-escape region, double and single, 1000x1000, 1000 iterations,
# the project's grid, all cores. The table quotes medians over rounds of each side and of the per-round ratio.
# Usage: benchmarks/anchor-ratio.sh [ROUNDS] [RUNS]      (ANCHOR=path/to/run.sh to use another copy)
# KERNEL=FormulaVectorized (any exact kernel; default ParallelSimd) measures that kernel against the anchor
# instead (a formula kernel runs z^2 + c, the anchor's recurrence).
# THREADS=1 runs both sides on one thread (default: the anchor's 2 and one per core for ours), which tells the
# kernel's speed on a core from how it scales over the VM's two.
# ISA=avx2 on an AVX-512 machine runs both sides as on an AVX2-only one: the anchor's AVX2 build (RUN_ISA=avx2)
# and .NET with AVX-512 switched off (DOTNET_EnableAVX512=0: 256-bit vectors, 16 registers).
set -euo pipefail
cd "$(dirname "$0")/.."
rounds=${1:-5}
runs=${2:-15}
anchor=${ANCHOR:-../shared/anchors/speed/run.sh}
kernel=${KERNEL:-ParallelSimd}
threads=${THREADS:-}
[ -x "$anchor" ] || [ -f "$anchor" ] || { echo "anchor-ratio.sh: no speed anchor at $anchor (set ANCHOR)" >&2; exit 2; }
dotnet build -c Release -f net10.0 src/MandelPS.Cli --nologo -v q >/dev/null
. benchmarks/common.sh

if [ "${ISA:-}" = avx2 ]; then export RUN_ISA=avx2 DOTNET_EnableAVX512=0; fi
echo "# $kernel against the C anchor: $(lscpu | sed -n 's/^Model name: *//p'), $(nproc) cores${threads:+, $threads thread(s) each}, $(grep -q avx512f /proc/cpuinfo && echo AVX-512 || echo AVX2)${ISA:+, both sides built for $ISA}"
declare -A c_rates our_rates ratios limits sums_agree
for ((r = 0; r < rounds; r++)); do
  anchor_out=$(bash "$anchor" -P ${threads:+-t "$threads"} -r "$runs" -n 2>/dev/null | grep '^case=')
  for case in standard no-escape; do
    for precision in double single; do
      key="$case/$precision"
      c=$(echo "$anchor_out" | grep "case=$case precision=$([ $precision = single ] && echo float || echo double) " | sed 's/.* giters=\([0-9.]*\) .*/\1/')
      ours=$(mandelps measure -k "$kernel" ${threads:+--threads "$threads"} -w 1000 --height 1000 -i 1000 --viewport "$(viewport $case)" \
             --precision "$precision" --runs "$runs" -f csv 2>/dev/null)
      our=$(echo "$ours" | column GIterPerSec)
      c_rates[$key]+="$c "
      our_rates[$key]+="$our "
      limits[$key]+="$(echo "$ours" | column LimitGIterPerSec) "
      ratios[$key]+="$(awk -v a="$our" -v b="$c" 'BEGIN {print a / b}') "
    done
  done
done

printf '%-20s %10s %10s %7s %10s %8s %8s\n' Case Anchor Ours Ratio Limit 'Anchor%' 'Ours%'
for case in standard no-escape; do
  for precision in double single; do
    key="$case/$precision"
    c=$(printf '%s\n' ${c_rates[$key]} | median)
    o=$(printf '%s\n' ${our_rates[$key]} | median)
    l=$(printf '%s\n' ${limits[$key]} | median)
    printf '%-20s %10.3f %10.3f %7.3f %10.3f %8.1f %8.1f\n' "$key" "$c" "$o" "$(printf '%s\n' ${ratios[$key]} | median)" "$l" \
      "$(awk -v a="$c" -v b="$l" 'BEGIN {print 100 * a / b}')" "$(awk -v a="$o" -v b="$l" 'BEGIN {print 100 * a / b}')"
  done
done
