#!/usr/bin/env bash
# The Benchmarks Game's mandelbrot task as that game times it: the whole process, start-up included.
# Publishes the CLI precompiled (ReadyToRun, net10.0) beside the plain build, and builds the same
# algorithm in C (benchmarks/reference/benchmarks_game_membership.c: what .NET costs on this machine), then
# runs them ROUNDS times alternately (to a file and to a pipe) and prints each one's median wall time and
# largest resident set, plus `mandelps --version` and `mandelps kernels` start-up. Outputs must agree byte
# for byte (the tests prove them equal to the counts-based bitmap at many N).
# Usage: benchmarks/benchmarks-game.sh [N] [ROUNDS]      (needs GNU time at /usr/bin/time, gcc with OpenMP)
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-16000}
rounds=${2:-5}
published=out/mandelps-r2r
rid=$(dotnet --info | awk '/RID:/ {print $2; exit}')
dotnet build -c Release -f net10.0 src/MandelPS.Cli --nologo -v q >/dev/null
mkdir -p benchmarks/reference/build
native=benchmarks/reference/build/benchmarks_game_membership
gcc -O3 -march=native -ffp-contract=off -fopenmp benchmarks/reference/benchmarks_game_membership.c -o "$native"
dotnet publish -c Release -f net10.0 -r "$rid" --self-contained false src/MandelPS.Cli -o "$published" --nologo -v q >/dev/null
plain=(dotnet src/MandelPS.Cli/bin/Release/net10.0/MandelPS.Cli.dll)
precompiled=("$published/MandelPS.Cli")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

. benchmarks/common.sh
# Runs "$@" under GNU time, appending "seconds kilobytes" to $work/$label.
timed() { local label=$1; shift; /usr/bin/time -f '%e %M' -a -o "$work/$label" "$@"; }

for ((r = 0; r < rounds; r++)); do
  timed plain-file "${plain[@]}" render --preset benchmarksgame -n "$n" --format pbm -o "$work/plain.pbm" --force >/dev/null
  timed r2r-file "${precompiled[@]}" render --preset benchmarksgame -n "$n" --format pbm -o "$work/r2r.pbm" --force >/dev/null
  timed plain-pipe sh -c "${plain[*]} render --preset benchmarksgame -n $n --format pbm | cat >/dev/null"
  timed r2r-pipe sh -c "${precompiled[*]} render --preset benchmarksgame -n $n --format pbm | cat >/dev/null"
  timed c-pipe sh -c "$native $n | cat >/dev/null"
  timed plain-version "${plain[@]}" --version >/dev/null
  timed r2r-version "${precompiled[@]}" --version >/dev/null
  timed r2r-kernels "${precompiled[@]}" kernels >/dev/null
done
cmp -s "$work/plain.pbm" "$work/r2r.pbm" || { echo "the two builds' bitmaps differ" >&2; exit 1; }
"$native" "$n" | cmp -s - "$work/r2r.pbm" || { echo "the C reference's bitmap differs" >&2; exit 1; }

printf '%-24s %8s %9s\n' Run Median_s MaxRSS_MB
for label in plain-file r2r-file plain-pipe r2r-pipe c-pipe plain-version r2r-version r2r-kernels; do
  printf '%-24s %8.3f %9.1f\n' "$label" "$(awk '{print $1}' "$work/$label" | median)" \
    "$(awk '{print $2}' "$work/$label" | sort -g | tail -1 | awk '{print $1 / 1024}')"
done
echo "N=$n, $(nproc) cores, bitmap sha256 $(sha256sum < "$work/r2r.pbm" | cut -c1-16)"
