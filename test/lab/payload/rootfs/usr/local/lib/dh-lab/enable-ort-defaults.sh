#!/bin/bash
# enable-ort-defaults.sh on|off — installs (or removes) the lab's reference session-options hook in the `human` env:
# a .pth file in site-packages that loads /usr/local/lib/dh-lab/ort_session_defaults.py at interpreter start.
set -euo pipefail
PY=/opt/conda/envs/human/bin/python
SITE=$("$PY" -c 'import sysconfig; print(sysconfig.get_paths()["purelib"])')
PTH="$SITE/dh-lab-ort-defaults.pth"
case "${1:-}" in
    on) printf '/usr/local/lib/dh-lab\nimport ort_session_defaults\n' > "$PTH" ;;
    off) rm -f "$PTH" ;;
    *) echo "usage: $0 on|off" >&2; exit 2 ;;
esac
