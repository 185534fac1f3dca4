#!/bin/bash
# Image-like sandbox for the payload's rootfs scripts, run by rootfs-scripts.test.ts inside
# `unshare -m -p --fork --mount-proc`: every path the scripts use is a tmpfs of this private mount namespace, and the
# PID namespace confines whatever the entrypoint signals. Prints `key: value` lines for the test.
set -euo pipefail
P=$1 PORT=$2
unset PIP_FIND_LINKS PIP_INDEX_URL PIP_EXTRA_INDEX_URL
# The checkout may itself live under /tmp (CI clones there), which the tmpfs below hides: copy the payload first.
mount -t tmpfs tmpfs /mnt
cp -a "$P" /mnt/payload
P=/mnt/payload
cd /
for d in /tmp /opt /app /usr/local/bin /usr/local/lib/dh-lab /var/lib/dh-lab /run/dh-gpu; do mount -t tmpfs tmpfs "$d"; done
cp -a "$P/rootfs/opt/." /opt/
cp -a "$P/rootfs/app/." /app/
cp -a "$P/rootfs/usr/local/bin/." /usr/local/bin/
cp -a "$P/rootfs/usr/local/lib/dh-lab/." /usr/local/lib/dh-lab/
: > /run/dh-gpu/nvidia0
python3 "$P/build_wheels.py" /tmp/wheels 1.16.0 1.18.0 > /dev/null
bash /usr/local/lib/dh-lab/setup-env.sh > /tmp/setup.log 2>&1 || { cat /tmp/setup.log; exit 1; }
echo "conda: $(bash -c '. /opt/conda/etc/profile.d/conda.sh && conda activate human && echo "$CONDA_DEFAULT_ENV $CONDA_PREFIX $(command -v python)" && conda deactivate && echo "${CONDA_PREFIX:-none}"' | tr '\n' ' ')"
echo "pipconf: $(grep index-url /opt/conda/envs/human/pip.conf)"
echo "built: $(/opt/conda/envs/human/bin/pip show onnxruntime-gpu | grep ^Version)"
export GRADIO_SERVER_NAME=127.0.0.1 GRADIO_SERVER_PORT=$PORT DH_LAB_STATE=healthy
export LD_LIBRARY_PATH="$P/rootfs/usr/local/cuda-11.8/lib64:$P/rootfs/usr/lib/x86_64-linux-gnu"
/usr/local/bin/dh-entrypoint > /tmp/entrypoint.log 2>&1 &
EP=$!
/usr/local/lib/dh-lab/wait-ready.sh 30 && echo "ready: yes"
echo "state: $(/opt/conda/envs/human/bin/pip show onnxruntime-gpu | grep ^Version) $(grep ^batch_size /app/HeyGem-Linux-Python-Hack/config/config.ini)"
echo "providers: $(grep -o "providers:\[[^]]*\]" /app/HeyGem-Linux-Python-Hack/log/dh.log | head -1)"
echo "config: $(python3 -c "import json,urllib.request; print(json.load(urllib.request.urlopen('http://127.0.0.1:$PORT/config'))['protocol'])")"
echo "app-processes: $(pgrep -c -f '^python app.py')"
kill -TERM "$EP"
wait "$EP" && echo "entrypoint-exit: $?"
echo "left: $(pgrep -c -f '^python app.py' || true)"
