#!/usr/bin/env bash
# Reproduces the dev figures in docs/classifier.md: split the corpus by group, train on the rest,
# evaluate the whole text path on the held-out groups (and on obfuscated copies of its positives).
set -euo pipefail
cd "$(dirname "$0")/.."
data="${1:-../shared/data/tvec/train.jsonl}"
out="${2:-${TMPDIR:-/tmp}/rasd-dev}"
./rasd split --data "$data" --out "$out" --dev-fraction 0.15 --seed 7
./rasd train --data "$out/train.jsonl" --out "$out/model"
./rasd eval --data "$out/dev.jsonl" --model "$out/model" --obfuscated --json > "$out/dev-eval.json"
./rasd eval --data "$out/dev.jsonl" --model "$out/model" --obfuscated
