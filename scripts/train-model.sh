#!/usr/bin/env bash
# Trains the shipped text model from the training corpus (run by a developer who has ../shared).
# Reproducible: the same data and seed give the same model bytes.
set -euo pipefail
cd "$(dirname "$0")/.."
data="${1:-../shared/data/tvec/train.jsonl}"
./rasd train --data "$data" --out data/models/text
