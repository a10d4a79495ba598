#!/usr/bin/env bash
# Seeds the corpus of ParsersFuzzTest from the test fixtures: each seed is one selector byte (0 WHOIS, 1 RDAP,
# 2 DNS packet, 3 crt.sh/Cert Spotter JSON, 4 PEM certificate, 5 passive-DNS COF / DNSDB lines, 6 a document for extract, 7 an executable, 8 a web page) followed by a fixture's first 8 KiB.
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
# 6: documents for extract; 7: executables; 8: web pages (small made-up seeds; the fixtures of those tests are
# written by the tests themselves)
printf '\x06Contact hxxps://evil[.]example/a and 198.51.100[.]7, UA-12345-1\n' > "$out/6-defanged.txt"
printf '\x06%%s' '%PDF-1.4 1 0 obj <</Type/Catalog>> endobj trailer <</Root 1 0 R>> %%EOF' > "$out/6-pdf.txt"
printf '\x06PK\x03\x04\x14\x00\x00\x00\x00\x00' > "$out/6-zip.bin"
printf '\x07MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00' > "$out/7-mz.bin"
printf '\x07\x7fELF\x02\x01\x01\x00\x00\x00\x00\x00\x00\x00\x00\x00\x02\x00\x3e\x00' > "$out/7-elf.bin"
printf '\x08<html><head><title>t</title><meta name="google-site-verification" content="abc"><script>ga("create","UA-1234-5")</script></head><body><a href="https://cdn.example/x.js">x</a></body></html>' > "$out/8-page.html"
echo "$(ls "$out" | wc -l) seeds in $out"
