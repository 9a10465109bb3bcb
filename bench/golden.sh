#!/usr/bin/env bash
# Refactor safety net: read every gold corpus (shared seeds, held-out, FA-KES tune/test) with the code of a
# checkout into OUT/<set>/ (one JSON reading per article). Compare two runs with `diff -r OLD NEW`: a change
# that must not change readings (a refactor, a speed-up) leaves the diff empty (run both from the same place:
# a reading's "source" is the input path as given).
#   bench/golden.sh [CHECKOUT] OUT        (CHECKOUT defaults to this repository)
set -euo pipefail
if [ $# -eq 1 ]; then SRC=$(cd "$(dirname "$0")/.." && pwd); OUT=$1; else SRC=$(cd "$1" && pwd); OUT=$2; fi
PY=${PYTHON:-$SRC/.venv/bin/python}
[ -x "$PY" ] || PY=python3
SHARED=$SRC/../shared
declare -A C=(
  [seeds]=$SHARED/corpus/seeds
  [heldout]=$SRC/tests/data/heldout/corpus
  [tune]=$SRC/tests/data/fakes_gold/tune/corpus
  [test]=$SRC/tests/data/fakes_gold/test/corpus
)
for set in seeds heldout tune test; do
  [ -d "${C[$set]}" ] || { echo "skipped $set: ${C[$set]} not found" >&2; continue; }
  mkdir -p "$OUT/$set"
  (cd "$SRC" && PYTHONPATH=$SRC COLUMNS=120 "$PY" -m warlog.cli read "${C[$set]}" --out "$OUT/$set" --quiet)
done
