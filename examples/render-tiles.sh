#!/usr/bin/env bash
# Renders an image as tiles in background `mandelps` processes, waits for them, and merges the tiles.
# Each process computes one band of rows exactly as a whole render would; `mandelps merge` checks the
# tiles (intact, one request, every row once) and writes the image, bit-identical to one process's.
#   examples/render-tiles.sh [tiles=4] [output=tiled.png]
# Runs `mandelps` if it is installed (dotnet tool install), else the CLI from this repository.
set -euo pipefail
tiles=${1:-4}
output=${2:-tiled.png}
request=(--kernel Simd --width 1600 --height 1200 --max-iterations 1000)

if command -v mandelps >/dev/null; then
  mandelps=(mandelps)
else
  root=$(cd "$(dirname "$0")/.." && pwd)
  dotnet build "$root/src/MandelPS.Cli" -c Release --nologo -v quiet >/dev/null
  mandelps=(dotnet "$root/src/MandelPS.Cli/bin/Release/net10.0/MandelPS.Cli.dll")
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
pids=()
for ((i = 0; i < tiles; i++)); do
  "${mandelps[@]}" render "${request[@]}" --tile "$i/$tiles" --output "$work/tile$i.mtile" --format csv >"$work/tile$i.csv" &
  pids+=($!)
done

# Wait for each by its process id, so one failure fails the script.
for pid in "${pids[@]}"; do
  wait "$pid"
done

"${mandelps[@]}" merge "$work"/tile*.mtile --output "$output" --force
