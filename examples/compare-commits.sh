#!/usr/bin/env bash
# The same gate without pwsh: build a baseline commit into a folder, then compare this working tree with it
# alternately (both builds measured now, in worker processes of their own), failing on a regression.
#   examples/compare-commits.sh [BASE]        (default: origin/main, or main)
set -euo pipefail
cd "$(dirname "$0")/.."
base=${1:-$(git rev-parse --verify -q origin/main >/dev/null && echo origin/main || echo main)}
work=$(mktemp -d)
trap 'git worktree remove --force "$work/src" >/dev/null 2>&1 || true; rm -rf "$work"' EXIT
git worktree add -q --detach "$work/src" "$base"
dotnet publish "$work/src/src/MandelPS.Cli" -c Release -f net10.0 -o "$work/base" --nologo -v q >/dev/null
dotnet run -c Release --project src/MandelPS.Cli -f net10.0 -- compare \
  -k Expanded -k Simd -k ParallelSimd -w 600 --height 600 -i 500 \
  --baseline-build "$work/base" --threshold 0.05 --fail-on-regression
