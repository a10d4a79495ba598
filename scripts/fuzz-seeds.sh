#!/usr/bin/env bash
# Seeds the corpus of ParsersFuzzTest from the test fixtures: each seed is one selector byte (0 WHOIS, 1 RDAP,
# 2 DNS packet, 3 crt.sh/Cert Spotter JSON, 4 PEM certificate, 5 passive-DNS COF / DNSDB lines) followed by a fixture's first 8 KiB.
# Run again when fixtures are added; the seeds are committed (Jazzer reads them in regression and fuzzing mode).
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
res="$repo/src/test/resources"
out="$res/io/infrapivot/source/dns/bulk/ParsersFuzzTestInputs/parsers"
rm -rf "$out"
mkdir -p "$out"
seed() { # selector, file
  local name
  name="$(basename "$2")"
  { printf "\\x$(printf %02x "$1")"; head -c 8192 "$2"; } > "$out/$1-${name//[^A-Za-z0-9._-]/_}"
}
for f in "$res"/whois/*.txt; do seed 0 "$f"; done
for f in "$res"/rdap/*.json; do seed 1 "$f"; done
for f in "$res"/dns/recorded/*.bin; do seed 2 "$f"; done
for f in "$res"/thirdparty/crtsh/*.json "$res"/thirdparty/certspotter/*.json; do seed 3 "$f"; done
for f in "$res"/thirdparty/crtsh/*.pem; do seed 4 "$f"; done
for f in "$res"/thirdparty/circl/*.cof "$res"/thirdparty/robtex/*.jsonl "$res"/thirdparty/dnsdb/*.jsonl; do seed 5 "$f"; done
echo "$(ls "$out" | wc -l) seeds in $out"
