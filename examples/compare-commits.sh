#!/usr/bin/env bash
# The same gate without pwsh: measure on the baseline commit, measure on yours, fail on a regression.
#   git stash; examples/compare-commits.sh baseline; git stash pop; examples/compare-commits.sh check
set -euo pipefail
cd "$(dirname "$0")/.."
mandelps() { dotnet run -c Release --project src/MandelPS.Cli -f net10.0 -- "$@"; }
case "${1:-check}" in
  baseline) mandelps measure --all --width 500 --height 500 --format json --output baseline.json --force ;;
  check)
    mandelps measure --all --width 500 --height 500 --format json --output current.json --force
    mandelps compare --reference baseline.json --difference current.json --fail-on-regression --report compare.html --force ;;
  *) echo "usage: $0 baseline|check" >&2; exit 2 ;;
esac
