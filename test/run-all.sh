#!/usr/bin/env bash
# `npm test`: bring the lab up, build the console, run every vitest project, bring the lab down (always).
# Daemons and builds log to files under test-output/, never to this script's stdout.
set -uo pipefail
cd "$(dirname "$0")/.."
out=test-output
mkdir -p "$out"

lab_down() { npm run -s lab:down >"$out/lab-down.log" 2>&1 || echo "lab:down failed, see $out/lab-down.log"; }
trap lab_down EXIT
trap 'exit 130' INT TERM

echo "== lab:up (log: $out/lab-up.log)"
if ! npm run -s lab:up >"$out/lab-up.log" 2>&1 </dev/null; then
  tail -n 40 "$out/lab-up.log"
  echo "lab:up failed"
  exit 1
fi
npm run -s lab:status

echo "== next build (log: $out/build.log)"
if ! npx next build >"$out/build.log" 2>&1 </dev/null; then
  tail -n 60 "$out/build.log"
  echo "next build failed"
  exit 1
fi

# One project at a time: on 2 cores, lab services, the console and Chromium running side by side starve each other.
rc=0
for project in unit lab browser; do
  echo "== vitest --project $project"
  npx vitest run --project "$project" --reporter=default --reporter=json --outputFile.json="$out/vitest-$project.json" "$@" </dev/null || rc=1
done
node scripts/test-summary.mjs "$out"/vitest-unit.json "$out"/vitest-lab.json "$out"/vitest-browser.json || rc=1
exit $rc
