#!/bin/bash
# wait-ready.sh [TIMEOUT_S] — waits until the running service's pipeline workers have initialised (3 `init_wh_process`
# lines in log/dh.log since its last `TransDhTask init`); exit 1 on timeout. A task submitted earlier fails with the
# `_queue.Empty` traceback by design: ~5 s after a start on the CPU fallback, ~0.3 s when CUDA loads.
set -u
LOG=/app/HeyGem-Linux-Python-Hack/log/dh.log
deadline=$(( $(date +%s) + ${1:-60} ))
while :; do
    if [ -f "$LOG" ]; then
        ready=$(awk '/TransDhTask init/ { n = 0 } /init_wh_process/ { n++ } END { print n + 0 }' "$LOG")
        [ "$ready" -ge 3 ] && exit 0
    fi
    [ "$(date +%s)" -ge "$deadline" ] && { echo "wait-ready: workers not ready after ${1:-60}s" >&2; exit 1; }
    sleep 0.2
done
