#!/usr/bin/env bash
# Measures this stemmer next to the reference C implementation in one run.
# Needs: apt-get install libstemmer-tools libstemmer-dev hyperfine gcc
# Usage: compare.sh WORDS   (one word a line, e.g. the oracle recipe's words.all)
set -euo pipefail
words=${1:?usage: compare.sh WORDS}
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../../../.." && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

go build -o "$tmp/extract" "$root/cmd/extract"
gcc -O2 -o "$tmp/cbench" "$here/libstemmer_bench.c" -lstemmer

echo "== same stems as stemwords?"
cmp <(stemwords -l arabic -i "$words") <("$tmp/extract" stem "$words") && echo "identical ($(wc -l < "$words") words)"

echo "== processes (start-up, reading and writing included)"
hyperfine -N -w 1 -r 10 "stemwords -l arabic -i $words -o /dev/null" "$tmp/extract stem $words"

echo "== in process"
"$tmp/cbench" "$words" 5
(cd "$root" && STEM_BENCH_WORDS="$words" go test -run XXX -bench 'BenchmarkStem$' -benchtime 5x ./stemmer/arabic | grep Bench)
