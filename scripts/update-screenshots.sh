#!/usr/bin/env bash
# Refreshes the README's screenshots (docs/screenshots/*.jpg) from the ones the browser tests just took
# (test-output/screenshots/*.png, after `npm test`), scaled to 1000 px wide.
set -euo pipefail
cd "$(dirname "$0")/.."
for jpg in docs/screenshots/*.jpg; do
  png="test-output/screenshots/$(basename "${jpg%.jpg}").png"
  [ -f "$png" ] || { echo "missing $png: run the browser tests first" >&2; exit 1; }
  ffmpeg -loglevel error -y -i "$png" -vf "scale='min(1000,iw)':-1" -q:v 5 "$jpg"
done
echo "updated $(ls docs/screenshots/*.jpg | wc -l) screenshots"
