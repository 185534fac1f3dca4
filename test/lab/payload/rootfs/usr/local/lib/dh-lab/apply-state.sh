#!/bin/bash
# apply-state.sh healthy|broken — puts the container's own parts in a fleet state (the shm size is the engine's:
# `docker run --shm-size`). healthy = ORT 1.16.0 + session-options hook + batch_size 1; broken = ORT 1.18.0, no hook,
# batch_size 4. Restart the service afterwards (the entrypoint applies it before its first start).
set -euo pipefail
ENV=/opt/conda/envs/human
CONFIG=/app/HeyGem-Linux-Python-Hack/config/config.ini
case "${1:-}" in
    healthy) version=1.16.0; hook=on; batch=1 ;;
    broken) version=1.18.0; hook=off; batch=4 ;;
    *) echo "usage: $0 healthy|broken" >&2; exit 2 ;;
esac
PIP_CONFIG_FILE=/dev/null "$ENV/bin/pip" install --disable-pip-version-check --no-cache-dir --no-index \
    --find-links /opt/dh-lab/wheels "onnxruntime-gpu==$version" >/dev/null
/usr/local/lib/dh-lab/enable-ort-defaults.sh "$hook"
sed -i "s/^batch_size *=.*/batch_size = $batch/" "$CONFIG"
mkdir -p /var/lib/dh-lab
echo "$1" > /var/lib/dh-lab/state
