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

# Format and lint first (Biome: biome.json): a finding fails the run at the end; the suites still run.
lint_rc=0
echo "== biome ci (log: $out/lint.log)"
if ! npx biome ci --error-on-warnings . >"$out/lint.log" 2>&1 </dev/null; then
  tail -n 40 "$out/lint.log"
  echo "!! biome ci failed: npm run format fixes the formatting; see $out/lint.log for the rest"
  lint_rc=1
fi

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

# Each project has a time limit far above its usual run (unit ~1 min, lab ~14, browser ~3, engine ~1), so that a stalled
# run fails in bounded time instead of holding CI. `timeout` kills the whole process group, workers included.
# The files a stalled run never finished are named, then run once more on their own.
vitest_run() { # progress-log limit project [vitest args]
  local log=$1 limit=$2 project=$3
  shift 3
  : >"$log"
  DHC_PROGRESS_FILE="$log" timeout --kill-after=30s "$limit" npx vitest run --project "$project" \
    --reporter=default --reporter=./test/reporters/progress-reporter.ts "$@" </dev/null
}
rc=0
logs=()
for spec in unit:10m lab:45m browser:20m engine:10m; do
  project=${spec%%:*} limit=${spec#*:}
  echo "== vitest --project $project"
  log="$out/progress-$project.log"
  logs+=("$log")
  vitest_run "$log" "$limit" "$project" "$@"
  status=$?
  # A stall is judged by the closing summary: by the rerun's result for the files it never finished.
  if [ $status -eq 124 ] || [ $status -eq 137 ]; then
    mapfile -t unfinished < <(node scripts/unfinished-tests.mjs "$log")
    echo "!! vitest --project $project stalled past $limit; never finished: ${unfinished[*]}"
    if [ ${#unfinished[@]} -gt 0 ]; then
      echo "== vitest --project $project, once more: ${unfinished[*]}"
      logs+=("$out/progress-$project-rerun.log")
      vitest_run "$out/progress-$project-rerun.log" "$limit" "$project" "${unfinished[@]}" && rc_rerun=0 || rc_rerun=1
      echo "!! rerun of the stalled files: $([ $rc_rerun -eq 0 ] && echo passed || echo failed); see above for the stall"
    fi
  elif [ $status -ne 0 ]; then
    rc=1
  fi
done
node scripts/test-summary.mjs "${logs[@]}" || rc=1
[ $lint_rc -eq 0 ] || echo "!! the run fails: biome ci found problems (see $out/lint.log)"
[ $lint_rc -eq 0 ] || rc=1
exit $rc
