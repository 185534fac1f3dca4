"""The GPU stand-in: a per-session record file under the GPU directory, held open while the session lives.

The host-side nvidia-smi finds the processes holding these files (by scanning /proc/*/fd), so the PIDs it reports
are the real host PIDs, and it reads busy intervals and memory from the records to compute utilisation.
"""
import atexit
import fcntl
import json
import os
import time
import uuid

RECORD_SIZE = 4096
TOTAL_MIB = 24564
CONTEXT_MIB = 254  # what one process's CUDA context costs on a real card


def gpu_dir():
    return os.environ.get("DH_GPU_DIR", "/run/dh-gpu")


def device_present():
    return os.path.exists(os.path.join(gpu_dir(), "nvidia0"))


def _read_records():
    records = []
    ctx_dir = os.path.join(gpu_dir(), "ctx")
    try:
        names = os.listdir(ctx_dir)
    except OSError:
        return records
    for name in names:
        path = os.path.join(ctx_dir, name)
        try:
            with open(path, "rb") as fh:
                try:
                    # a live session holds a shared lock on its record (across containers: same inode)
                    fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
                    os.unlink(path)  # nobody holds it: left behind by a killed process
                    continue
                except BlockingIOError:
                    pass
                records.append(json.loads(fh.read(RECORD_SIZE).rstrip(b"\0 ") or b"{}"))
        except (OSError, ValueError):
            continue
    return records


def busy_sessions(now=None):
    """Sessions on this GPU busy right now (their heartbeat is fresh), across every container sharing it."""
    now = now or time.time()
    return sum(1 for r in _read_records() if r.get("busy_since") and now - r.get("heartbeat", 0) < 1.0)


def used_mib():
    return sum(r.get("mem_mib", 0) for r in _read_records())


_process_device = {}


def _hold_device():
    # Like /dev/nvidia0: every process with a CUDA context keeps the device node open.
    if "fd" not in _process_device:
        _process_device["fd"] = os.open(os.path.join(gpu_dir(), "nvidia0"), os.O_RDONLY)
        _process_device["first"] = True
    first, _process_device["first"] = _process_device["first"], False
    return first


class GpuContext:
    def __init__(self, weights_mib):
        with_context = _hold_device()
        ctx_dir = os.path.join(gpu_dir(), "ctx")
        os.makedirs(ctx_dir, exist_ok=True)
        self.path = os.path.join(ctx_dir, f"{uuid.uuid4().hex}")
        self.fd = os.open(self.path, os.O_RDWR | os.O_CREAT | os.O_TRUNC, 0o644)
        fcntl.flock(self.fd, fcntl.LOCK_SH)
        self.state = {"pid_ns": os.getpid(), "mem_mib": weights_mib + (CONTEXT_MIB if with_context else 0),
                      "arena_mib": 0, "busy_since": None, "heartbeat": time.time(), "intervals": []}
        self.base_mib = self.state["mem_mib"]
        self.flush()
        atexit.register(self.close)

    def flush(self):
        if self.fd is None:
            return
        data = json.dumps(self.state).encode()[: RECORD_SIZE]
        os.pwrite(self.fd, data.ljust(RECORD_SIZE, b" "), 0)

    def set_arena(self, arena_mib):
        self.state["arena_mib"] = arena_mib
        self.state["mem_mib"] = self.base_mib + arena_mib
        self.flush()

    def begin(self):
        self.state["busy_since"] = self.state["heartbeat"] = time.time()
        self.flush()

    def heartbeat(self):
        self.state["heartbeat"] = time.time()
        self.flush()

    def end(self):
        now = time.time()
        start = self.state["busy_since"] or now
        self.state["intervals"] = [iv for iv in self.state["intervals"] if iv[1] > now - 3][-40:] + [[start, now]]
        self.state["busy_since"] = None
        self.state["heartbeat"] = now
        self.flush()

    def close(self):
        if self.fd is None:
            return
        fd, self.fd = self.fd, None
        try:
            os.unlink(self.path)
        except OSError:
            pass
        os.close(fd)
