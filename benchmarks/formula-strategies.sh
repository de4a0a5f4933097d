#!/usr/bin/env bash
# The Formula strategies against each other and against the hand-written kernels, one table per
# formula: 1000x1000 pixels, 500 iterations, the tutorial's viewport, double precision. For z^2 + c
# Expanded (one core) and ParallelSimd (every core) are measured in the same process, so ratios come
# from one run on the same noisy machine; FormulaCompiled is also measured on one thread, the
# like-for-like comparison with Expanded. CompileMs is the first compilation in the process (JIT
# included), reported apart from the run times.
# Targets (issue 12): FormulaCompiled/Expanded time <= 1.1, FormulaVectorized/ParallelSimd <= 1.3,
# FormulaInterpreted/FormulaSpecialized >= 5, FormulaInterpreted > 11 M iterations/s, CompileMs < 50.
# Usage: [DEVICE=pocl0] benchmarks/formula-strategies.sh [RUNS] [FORMULA ...]
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-3}
shift $(( $# > 0 ? 1 : 0 ))
formulas=("$@")
[ ${#formulas[@]} -gt 0 ] || formulas=('z^2 + c' 'z^3 + c' '(abs(re(z)) + abs(im(z))*i)^2 + c' 'z^5 - z + c')
dotnet build -c Release src/MandelPS.Cli --nologo -v q >/dev/null
. benchmarks/common.sh
common=(-w 1000 --height 1000 -i 500 --runs "$runs" --warmup 1 --format csv)
table() { # CSV rows on stdin -> one line per row: kernel, threads, median ms, M iterations/s, compile ms
  python3 -c '
import csv, sys
for r in csv.DictReader(sys.stdin):
    print("{:<20} {:>7} {:>10.1f} {:>10.1f} {:>9.1f} {:>6}".format(r["Kernel"], r["Threads"], float(r["MedianMs"]),
          float(r["GIterPerSec"]) * 1000, float(r["CompileMs"]), r["Status"]))'
}
for formula in "${formulas[@]}"; do
  echo "== $formula"
  printf '%-20s %7s %10s %10s %9s %6s\n' kernel threads "median ms" "M it/s" "compile" status
  {
    hand=()
    [ "$formula" != 'z^2 + c' ] || hand=(-k Expanded -k ParallelSimd)
    mandelps measure "${hand[@]}" -k FormulaInterpreted -k FormulaSpecialized -k FormulaCompiled -k FormulaVectorized --formula "$formula" "${common[@]}"
    mandelps measure -k FormulaCompiled --threads 1 --formula "$formula" "${common[@]}" | tail -n +2
    # FormulaGpu on an OpenCL device when one is named (DEVICE=pocl0 runs it on the CPU through pocl).
    [ -z "${DEVICE:-}" ] || mandelps measure -k FormulaGpu --device "$DEVICE" --formula "$formula" "${common[@]}" | tail -n +2
  } | table
done
