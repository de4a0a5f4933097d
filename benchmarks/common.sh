# Helpers the benchmark scripts share; sourced from the repository root (each script cd's there first).
mandelps() { dotnet src/MandelPS.Cli/bin/Release/net10.0/MandelPS.Cli.dll "$@"; }
# One column of mandelps's CSV on stdin, by its header name (the layout may grow; the names are stable; python's reader: quoted fields hold commas).
column() { python3 -c 'import csv, sys; [print(r[sys.argv[1]]) for r in csv.DictReader(sys.stdin)]' "$1"; }
# The median of the numbers on stdin, one a line.
median() { sort -g | awk '{v[NR] = $1} END {print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2}'; }
# The speed anchor's two views: standard (the tutorial's) and the no-escape region.
viewport() { [ "$1" = standard ] && echo "-2.13,0.77,-1.3,1.3" || echo "-0.4,0.1,-0.3,0.3"; }
