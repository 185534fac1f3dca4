"""DH Fleet Console container probe: run inside a HeyGem container as `<env python> - [CONFIG_JSON]` (script on stdin).

Prints one JSON object with everything the console reads from inside a container, so one probe is one exec.
Standard library only, Python 3.8 compatible (the service's env). Each section fails on its own: an error in one is
reported in that section and the others still answer. Reads only; never changes the container.
"""
import base64
import configparser
import glob
import hashlib
import http.client
import json
import os
import re
import site
import sys
import sysconfig
import tempfile
import time

HEAD_BYTES = 256
DEFAULT_APP_DIR = "/app/HeyGem-Linux-Python-Hack"
CUDA_PROVIDERS = ["CUDAExecutionProvider", "CPUExecutionProvider"]
HOOK = "dh_console_session_options"


def section(fn, *args):
    try:
        return fn(*args)
    except Exception as e:  # one failing section must not hide the others
        return {"error": "%s: %s" % (type(e).__name__, e)}


def read_bytes(path, limit=1 << 20):
    with open(path, "rb") as fh:
        return fh.read(limit)


def proc_stat(pid):
    text = read_bytes("/proc/%s/stat" % pid).decode("ascii", "replace")
    fields = text[text.rindex(")") + 2:].split()
    return int(fields[1]), int(fields[19])  # ppid, starttime (clock ticks after boot)


def find_service(app_dir):
    """The `python app.py` process; forked workers share its command line, so take the topmost one."""
    found = {}
    for pid in os.listdir("/proc"):
        if not pid.isdigit() or int(pid) == os.getpid():
            continue
        try:
            argv = [a.decode("utf-8", "replace") for a in read_bytes("/proc/%s/cmdline" % pid).split(b"\0") if a]
            if len(argv) < 2 or not os.path.basename(argv[0]).startswith("python"):
                continue
            if not any(os.path.basename(a) == "app.py" for a in argv[1:3]):
                continue
            ppid, start = proc_stat(pid)
            found[int(pid)] = {"pid": int(pid), "ppid": ppid, "start": start, "cmdline": argv, "cwd": os.readlink("/proc/%s/cwd" % pid)}
        except (OSError, ValueError):
            continue  # exited while we looked, or not ours to read
    roots = [p for p in found.values() if p["ppid"] not in found]
    if app_dir:
        roots = sorted(roots, key=lambda p: p["cwd"] != app_dir)
    return roots[0] if roots else None


def service_info(proc):
    if proc is None:
        return {"running": False}
    uptime = float(read_bytes("/proc/uptime").split()[0]) - proc["start"] / os.sysconf("SC_CLK_TCK")
    env = {}
    try:
        for item in read_bytes("/proc/%d/environ" % proc["pid"]).split(b"\0"):
            k, _, v = item.decode("utf-8", "replace").partition("=")
            if k in ("ORT_PARALLEL", "OMP_WAIT_POLICY", "GRADIO_SERVER_PORT", "GRADIO_SERVER_NAME"):
                env[k] = v
    except OSError as e:
        env = {"error": str(e)}
    return {"running": True, "pid": proc["pid"], "uptimeS": int(uptime), "startedAt": round(time.time() - uptime, 2),
            "cmdline": proc["cmdline"], "cwd": proc["cwd"], "env": env}


def web_info(port):
    out = {"port": port, "answers": False, "status": None, "queueSize": None}
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
    try:
        conn.request("GET", "/queue/status")  # Gradio 4: the queue's Estimation, with queue_size
        resp = conn.getresponse()
        out["answers"], out["status"] = True, resp.status
        body = resp.read(65536)
        if resp.status == 200:
            size = json.loads(body.decode("utf-8")).get("queue_size")
            out["queueSize"] = size if isinstance(size, int) else None
    except (OSError, ValueError, http.client.HTTPException) as e:
        out["error"] = str(e)
    finally:
        conn.close()
    return out


def capture_fd2(fn):
    """Runs fn with file descriptor 2 captured: ONNX Runtime's native logger writes its warnings there."""
    sys.stderr.flush()
    saved = os.dup(2)
    with tempfile.TemporaryFile() as tmp:
        os.dup2(tmp.fileno(), 2)
        try:
            result, error = fn(), None
        except Exception as e:
            result, error = None, "%s: %s" % (type(e).__name__, e)
        finally:
            sys.stderr.flush()
            os.dup2(saved, 2)
            os.close(saved)
        tmp.seek(0)
        return result, error, tmp.read(65536).decode("utf-8", "replace")


def _varint(n):
    out = bytearray()
    while True:
        b, n = n & 0x7F, n >> 7
        out.append(b | 0x80 if n else b)
        if not n:
            return bytes(out)


def _field(num, payload):
    if isinstance(payload, int):
        return _varint(num << 3) + _varint(payload)
    return _varint((num << 3) | 2) + _varint(len(payload)) + payload


def tiny_model():
    """An ONNX model with one Identity node on a float[1] tensor, encoded by hand (no onnx package needed)."""
    tensor = _field(1, 1) + _field(2, _field(1, _field(1, 1)))  # elem_type FLOAT, shape [1]
    value = lambda name: _field(1, name) + _field(2, _field(1, tensor))  # noqa: E731
    node = _field(1, b"x") + _field(2, b"y") + _field(4, b"Identity")
    graph = _field(1, node) + _field(2, b"dh_console_probe") + _field(11, value(b"x")) + _field(12, value(b"y"))
    return _field(1, 8) + _field(7, graph) + _field(8, _field(1, b"") + _field(2, 13))


def ort_info(session_check):
    out = {"version": None, "packages": {}, "buildCuda": None, "buildCudnn": None, "availableProviders": None, "session": None}
    try:
        from importlib import metadata
        for name in ("onnxruntime-gpu", "onnxruntime"):
            try:
                out["packages"][name] = metadata.version(name)
            except metadata.PackageNotFoundError:
                pass
    except ImportError:
        pass
    out["version"] = out["packages"].get("onnxruntime-gpu")
    try:
        dist = metadata.distribution("onnxruntime-gpu" if out["version"] else "onnxruntime")
        out["installedAt"] = int(os.stat(str(dist.locate_file(dist._path))).st_mtime)  # the dist-info folder
    except Exception:
        out["installedAt"] = None
    ort, error, log = capture_fd2(lambda: __import__("onnxruntime"))
    if ort is None:
        out["importError"] = error
        return out
    out["location"] = os.path.dirname(ort.__file__)
    out["moduleVersion"] = getattr(ort, "__version__", None)
    try:
        from onnxruntime.capi import build_and_package_info as build
        out["buildCuda"], out["buildCudnn"] = getattr(build, "cuda_version", None), getattr(build, "cudnn_version", None)
    except Exception:
        pass
    out["availableProviders"] = list(ort.get_available_providers())
    if session_check:
        # Only a real session tells which provider is used: get_available_providers() lists CUDA even when it fails.
        # No options are passed, so what the session reports is what a start-up hook (ours or another) gave it.
        def make():
            sess = ort.InferenceSession(tiny_model(), providers=CUDA_PROVIDERS)
            so = sess.get_session_options()
            cuda = sess.get_provider_options().get("CUDAExecutionProvider", {})
            options = {"intraOpNumThreads": so.intra_op_num_threads, "interOpNumThreads": so.inter_op_num_threads,
                       "executionMode": str(so.execution_mode).split(".")[-1],
                       "cuda": {k: cuda[k] for k in ("device_id", "arena_extend_strategy", "gpu_mem_limit", "do_copy_in_default_stream") if k in cuda}}
            return list(sess.get_providers()), options
        made, error, log = capture_fd2(make)
        out["session"] = {"requested": CUDA_PROVIDERS, "providers": made[0] if made else None, "options": made[1] if made else None,
                          "error": error, "log": [line for line in log.splitlines() if line.strip()][-20:]}
    return out


def lib_dirs():
    dirs = [d for d in os.environ.get("LD_LIBRARY_PATH", "").split(":") if d]
    for conf in sorted(glob.glob("/etc/ld.so.conf.d/*.conf")):
        try:
            with open(conf, encoding="utf-8") as fh:
                dirs += [line.strip() for line in fh if line.strip().startswith("/")]
        except OSError:
            continue
    dirs += [os.path.join(sys.prefix, "lib"), "/usr/local/cuda/lib64", "/usr/local/cuda/targets/x86_64-linux/lib"]
    dirs += glob.glob(os.path.join(sysconfig.get_paths()["purelib"], "nvidia", "*", "lib"))
    return dirs + ["/lib/x86_64-linux-gnu", "/usr/lib/x86_64-linux-gnu", "/lib64", "/usr/lib64", "/lib", "/usr/lib"]


def cuda_libs():
    names = set()
    for d in lib_dirs():
        for pattern in ("libcudart.so.*", "libcudnn.so.*", "libcublas.so.*", "libcublasLt.so.*"):
            names.update(os.path.basename(p) for p in glob.glob(os.path.join(d, pattern)))
    majors = lambda rx: sorted({int(m.group(1)) for m in (re.match(rx, n) for n in names) if m})  # noqa: E731
    return {"files": sorted(names), "cudaMajors": majors(r"libcu(?:dart|blas)\.so\.(\d+)"), "cudnnMajors": majors(r"libcudnn\.so\.(\d+)")}


def shm_info():
    st = os.statvfs("/dev/shm")
    return {"sizeBytes": st.f_blocks * st.f_frsize, "usedBytes": (st.f_blocks - st.f_bfree) * st.f_frsize}


def batch_size(app_dir):
    path = os.path.join(app_dir, "config", "config.ini")
    parser = configparser.RawConfigParser(strict=False)
    with open(path, encoding="utf-8") as fh:
        parser.read_file(fh)
    value = parser.get("digital", "batch_size", fallback=None)
    return {"path": path, "batchSize": int(value) if value is not None and value.strip().isdigit() else None, "raw": value,
            "mtime": int(os.stat(path).st_mtime), "appPyMtime": int(os.stat(os.path.join(app_dir, "app.py")).st_mtime)}


def hook_info(service_started_at):
    dirs = list(dict.fromkeys([sysconfig.get_paths()["purelib"]] + list(getattr(site, "getsitepackages", lambda: [])())))
    for d in dirs:
        module = [p for p in (os.path.join(d, HOOK + ".py"), os.path.join(d, HOOK)) if os.path.exists(p)]
        pth = os.path.join(d, HOOK + ".pth")
        if module or os.path.exists(pth):
            installed = bool(module) and os.path.exists(pth)
            since = os.stat(pth).st_mtime if os.path.exists(pth) else None
            active = installed and service_started_at is not None and since is not None and since <= service_started_at
            return {"installed": installed, "module": module[0] if module else None, "pth": pth if os.path.exists(pth) else None,
                    "loadedByService": active}
    return {"installed": False, "module": None, "pth": None, "loadedByService": False}


def decide(cursor, ino, size, path, initial_tail):
    """Mirror of decideRead() in lib/logs/log-stream.ts: keep the two in step."""
    if not cursor or cursor.get("ino") is None:
        return "new", max(0, size - initial_tail - 1)
    head_len, head_hash = cursor.get("headLen") or 0, cursor.get("headHash")
    now_hash = None
    if head_len:
        head = read_bytes(path, head_len)
        now_hash = hashlib.sha1(head).hexdigest() if len(head) == head_len else None
    same = cursor["ino"] == ino and size >= cursor.get("offset", 0) and (head_hash is None or head_hash == now_hash)
    return ("continue", cursor.get("offset", 0)) if same else ("rotated", 0)


def read_log(spec, max_bytes, initial_tail):
    path = spec["path"]
    try:
        st = os.stat(path)
    except OSError as e:
        return {"path": path, "error": "missing" if isinstance(e, FileNotFoundError) else str(e)}
    ino = "%d:%d" % (st.st_dev, st.st_ino)
    kind, start = decide(spec.get("cursor"), ino, st.st_size, path, initial_tail)
    with open(path, "rb") as fh:
        fh.seek(start)
        data = fh.read(max(0, min(max_bytes, st.st_size - start)))
        fh.seek(0)
        head = fh.read(HEAD_BYTES)
    return {"path": path, "ino": ino, "size": st.st_size, "kind": kind, "from": start, "data": base64.b64encode(data).decode("ascii"),
            "headLen": len(head), "headHash": hashlib.sha1(head).hexdigest() if head else None}


def main():
    cfg = json.loads(sys.argv[1]) if len(sys.argv) > 1 else {}
    proc = section(find_service, cfg.get("appDir"))
    proc = proc if isinstance(proc, dict) and "error" not in proc else None
    app_dir = cfg.get("appDir") or (proc or {}).get("cwd") or DEFAULT_APP_DIR
    service = section(service_info, proc)
    port = cfg.get("port") or int((service.get("env") or {}).get("GRADIO_SERVER_PORT") or 7860)
    logs = cfg.get("logs") or [{"path": "/tmp/gradio.log"}, {"path": os.path.join(app_dir, "log", "dh.log")}]
    now = time.localtime()
    out = {
        "probe": 1,
        "nowLocal": time.strftime("%Y-%m-%d %H:%M:%S", now),
        # The zone the service's log times are written in: its offset and the zone's name.
        "tz": {"offsetS": now.tm_gmtoff, "name": now.tm_zone},
        "python": sys.version.split()[0],
        "appDir": app_dir,
        "service": service,
        "web": section(web_info, port),
        "ort": section(ort_info, cfg.get("sessionCheck", True)),
        "cudaLibs": section(cuda_libs),
        "shm": section(shm_info),
        "config": section(batch_size, app_dir),
        "hook": section(hook_info, service.get("startedAt")),
        "logs": [section(read_log, spec, int(cfg.get("maxLogBytes", 1 << 20)), int(cfg.get("initialTailBytes", 1 << 20))) for spec in logs],
    }
    sys.stdout.write(json.dumps(out, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
