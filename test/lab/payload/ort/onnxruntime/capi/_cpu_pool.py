"""Shared CPU accounting between the sessions of one container, so that thread oversubscription has its cost.

Each busy session marks itself in a small registry directory; a session with default threading (one thread per
core, spinning) slows down superlinearly with the number of busy sessions, a single-threaded one does not.
"""
import os
import time
import uuid

MODELLED_CORES = 4
SPIN_LINGER_S = 2.5  # a default thread pool keeps spinning on its cores for a while after each Run


def _state_dir():
    path = os.environ.get("ORT_STANDIN_STATE_DIR", "/tmp/.onnxruntime-standin")
    os.makedirs(path, exist_ok=True)
    return path


def _alive(pid):
    try:
        os.kill(pid, 0)
        return True
    except ProcessLookupError:
        return False
    except PermissionError:
        return True


class CpuSlot:
    def __init__(self, greedy):
        self.greedy = greedy
        self.path = os.path.join(_state_dir(), f"{os.getpid()}-{uuid.uuid4().hex[:12]}")

    def mark(self, busy):
        try:
            if busy or self.greedy:
                with open(self.path, "w", encoding="ascii") as fh:
                    fh.write(("g" if self.greedy else "l") + ("" if busy else f" {time.time():.3f}"))
            else:
                os.unlink(self.path)
        except OSError:
            pass

    @staticmethod
    def busy_counts():
        greedy = lean = 0
        directory = _state_dir()
        for name in os.listdir(directory):
            try:
                pid = int(name.split("-", 1)[0])
                if not _alive(pid):
                    os.unlink(os.path.join(directory, name))
                    continue
                with open(os.path.join(directory, name), encoding="ascii") as fh:
                    kind, _, ended = fh.read(64).partition(" ")
                if ended and time.time() - float(ended) > SPIN_LINGER_S:
                    continue
            except (OSError, ValueError):
                continue
            greedy += kind == "g"
            lean += kind == "l"
        return greedy, lean


def cpu_factor(greedy):
    """Slow-down of one CPU-bound session given who else is busy."""
    n_greedy, n_lean = CpuSlot.busy_counts()
    busy = max(1, n_greedy + n_lean)
    if greedy:
        return busy ** 1.5  # every session spins a thread per core: they thrash each other
    return 1.5 * max(1.0, busy / MODELLED_CORES)  # one thread each: slower alone, no thrashing


def sleep_through(work_s, factor_fn, on_tick=None, tick=0.05):
    """Spends `work_s` of uncontended work, stretched by the contention factor measured as it goes."""
    remaining = work_s
    while remaining > 1e-6:
        factor = max(1.0, factor_fn())
        step = min(tick, remaining * factor)
        time.sleep(step)
        remaining -= step / factor
        if on_tick:
            on_tick()
