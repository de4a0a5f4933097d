#!/usr/bin/env bash
# MandelPS's best CPU kernels against the hand-written C reference (benchmarks/reference/: AVX-512, or AVX2
# where the machine has no AVX-512).
# Both sides run alternately, ROUNDS times per case (C, MandelPS, C, MandelPS, ...), each round
# taking the median of RUNS timed runs; the table quotes the median over rounds of each side and of
# the per-round ratio, so drift and a noisy neighbour hit both sides alike.
# Usage: [SIZES="1000 4000"] benchmarks/compare-with-c.sh [ROUNDS] [RUNS]      (needs gcc with OpenMP)
set -euo pipefail
cd "$(dirname "$0")/.."
rounds=${1:-3}
runs=${2:-5}
build=benchmarks/reference/build
mkdir -p "$build"
gcc -O3 -march=native -ffp-contract=off -fopenmp benchmarks/reference/mandel_simd.c -o "$build/mandel_double"
gcc -O3 -march=native -ffp-contract=off -fopenmp -DSINGLE benchmarks/reference/mandel_simd.c -o "$build/mandel_single"
dotnet build -c Release -f net10.0 src/MandelPS.Cli --nologo -v q >/dev/null
. benchmarks/common.sh
cores=$(nproc)

printf '%-13s %-7s %-10s %-7s %-9s %10s %12s %7s %s\n' Kernel Threads Size MaxIter Precision C_GIter/s Ours_GIter/s Ratio SumsAgree
for size in ${SIZES:-1000 4000}; do
  for iters in 1000 256; do
    for precision in double single; do
      for threads in 1 "$cores"; do
        kernel=$([ "$threads" = 1 ] && echo Simd || echo ParallelSimd)
        c_rates=() our_rates=() ratios=() agree=yes
        for ((r = 0; r < rounds; r++)); do
          c=$(OMP_NUM_THREADS=$threads "$build/mandel_$precision" "$size" "$size" "$iters" "$runs")
          ours=$(mandelps measure -k "$kernel" --threads "$threads" -w "$size" --height "$size" -i "$iters" \
                 --precision "$precision" --runs "$runs" -f csv 2>/dev/null)
          c_rate=$(echo "$c" | awk '{print $11}')
          our_rate=$(echo "$ours" | column GIterPerSec)
          [ "$(echo "$c" | awk '{print $9}')" = "$(echo "$ours" | column ValidationSum)" ] || agree=NO
          c_rates+=("$c_rate") our_rates+=("$our_rate")
          ratios+=("$(awk -v a="$our_rate" -v b="$c_rate" 'BEGIN {print a / b}')")
        done
        printf '%-13s %-7s %-10s %-7s %-9s %10.3f %12.3f %7.3f %s\n' "$kernel" "$threads" "${size}x${size}" "$iters" "$precision" \
          "$(printf '%s\n' "${c_rates[@]}" | median)" "$(printf '%s\n' "${our_rates[@]}" | median)" \
          "$(printf '%s\n' "${ratios[@]}" | median)" "$agree"
      done
    done
  done
done
