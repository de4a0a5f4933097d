#!/usr/bin/env bash
# The GPU check, for a machine with an NVIDIA (or any) GPU that may have no .NET and no network.
#
#   benchmarks/gpu-check.sh build          # here, with the .NET SDK: a self-contained, compressed
#                                          # single-file mandelps (~37 MB) plus this script in out/gpu-check/
#   out/gpu-check/gpu-check.sh run         # there: devices, every GPU kernel's exactness in both
#                                          # precisions, then phases and G it/s at 4000x4000 / 1000
#                                          # iterations next to ParallelSimd on that machine's CPU
#
# Every figure comes from `mandelps measure`, which checks each kernel against the CPU reference of the
# same precision first: Status Failed means an exact kernel differed; DifferingPixels is the loss where
# the device is not claimed exact (ILGPU on CUDA: ptxas may fuse a*b+c). Finishes in a few minutes.
# DEVICE=<id or pattern> runs on that device instead of the best GPU (DEVICE=pocl0 tries it on a CPU).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"

build() {
  local root out
  root="$(cd "$here/.." && pwd)"
  out="$root/out/gpu-check"
  rm -rf "$out"
  dotnet publish "$root/src/MandelPS.Cli" -c Release -r linux-x64 --self-contained \
    -p:PublishSingleFile=true -p:EnableCompressionInSingleFile=true -p:IncludeNativeLibrariesForSelfExtract=true \
    -p:DebugType=none -p:GenerateDocumentationFile=false -o "$out" --nologo
  cp "$0" "$out/gpu-check.sh"
  echo "copy $out (mandelps $(du -h "$out/MandelPS.Cli" | cut -f1)) to the GPU machine and run: ./gpu-check.sh run"
}

# Prints chosen columns of mandelps' CSV. Quoted fields (the viewport, which holds commas) are dropped
# first, so plain awk can split the rest without a CSV parser on a bare machine.
columns() {
  sed -E 's/"[^"]*"//g' | awk -F, -v want="$1" '
    NR == 1 { n = split(want, names, " "); for (i = 1; i <= NF; i++) index_of[$i] = i; next }
    { line = ""; for (k = 1; k <= n; k++) line = line (k > 1 ? "  " : "") $(index_of[names[k]]); print line }'
}

run() {
  local mandelps="${MANDELPS:-$here/MandelPS.Cli}"
  export POCL_CACHE_DIR="${POCL_CACHE_DIR:-$(mktemp -d)}"
  echo "== devices"
  "$mandelps" devices
  echo
  echo "== exactness, 1000x1000, 1000 iterations, on the best GPU (Kernel Precision Device Status IsExact DifferingPixels GIterPerSec CompileMs Phases)"
  for kernel in GpuArrayOps GpuElementwise GpuGridStride GpuSource; do
    for precision in double single; do
      "$mandelps" measure --kernel "$kernel" --precision "$precision" --width 1000 --height 1000 --max-iterations 1000 \
        --runs 3 --warmup 1 --format csv ${DEVICE:+--device "$DEVICE"} \
        | columns "Kernel Precision Device Status IsExact DifferingPixels GIterPerSec CompileMs Phases" \
        || echo "$kernel $precision: not run (see the message above)"
    done
  done
  echo
  echo "== 4000x4000, 1000 iterations: phases and G it/s beside ParallelSimd on this CPU (Kernel Precision Device MedianMs GIterPerSec CompileMs Phases TimeIncludes)"
  for precision in double single; do
    "$mandelps" measure --kernel GpuElementwise --kernel GpuGridStride --kernel GpuSource --kernel GpuArrayOps --kernel ParallelSimd \
      --precision "$precision" --width 4000 --height 4000 --max-iterations 1000 --runs 3 --warmup 1 --format csv ${DEVICE:+--device "$DEVICE"} \
      | columns "Kernel Precision Device MedianMs GIterPerSec CompileMs Phases TimeIncludes" || true
  done
}

case "${1:-}" in
  build) build ;;
  run) run ;;
  *) echo "usage: $0 build | run" >&2; exit 2 ;;
esac
