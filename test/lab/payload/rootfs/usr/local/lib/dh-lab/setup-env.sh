#!/bin/bash
# Run by the lab's image build in a chroot of the image, with the stand-in wheels in /tmp/wheels: builds the `human`
# env as production has it (onnxruntime-gpu 1.18.0, pip pointed at the host's mirror), offline.
set -euo pipefail
ENV=/opt/conda/envs/human
ORT_VERSION=${1:-1.18.0}
python3 -m venv "$ENV"
mkdir -p "$ENV/conda-meta"
echo "==> $(date -u '+%Y-%m-%d %H:%M:%S') lab build: python3 -m venv $ENV" > "$ENV/conda-meta/history"
PIP_CONFIG_FILE=/dev/null "$ENV/bin/pip" install --disable-pip-version-check --no-cache-dir --no-index \
    --find-links /tmp/wheels "onnxruntime-gpu==$ORT_VERSION"
cat > "$ENV/pip.conf" <<'CONF'
[global]
index-url = http://127.0.0.1:3141/simple/
trusted-host = 127.0.0.1
disable-pip-version-check = true
CONF
# kept for apply-state.sh, which pins versions without the index (container creation must not depend on it)
mkdir -p /opt/dh-lab/wheels
cp /tmp/wheels/*.whl /opt/dh-lab/wheels/
chmod +x /usr/local/bin/dh-entrypoint /opt/conda/bin/conda /usr/local/lib/dh-lab/*.sh
mkdir -p /app/HeyGem-Linux-Python-Hack/log /var/lib/dh-lab
