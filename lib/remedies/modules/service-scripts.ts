// Fixed scripts run inside the container with the env's Python (values only as argv), for finding, stopping and
// waiting on the `python app.py` service. The same rule as container-probe.py finds the service: the topmost process
// whose argv[1..2] has basename app.py.

const PROC = `import os, sys, json, time, signal
def stat(p):
    s = open("/proc/%s/stat" % p).read()
    f = s[s.rindex(")") + 2:].split()
    return f[0], int(f[1])
def alive(p):
    try:
        return stat(p)[0] != "Z"
    except (OSError, ValueError):
        return False
def children():
    m = {}
    for p in os.listdir("/proc"):
        if p.isdigit():
            try:
                m.setdefault(stat(p)[1], []).append(int(p))
            except (OSError, ValueError):
                pass
    return m
def tree(root):
    m, out, i = children(), [root], 0
    while i < len(out):
        out.extend(m.get(out[i], []))
        i += 1
    return out
def is_app(p):
    try:
        argv = [a.decode("utf-8", "replace") for a in open("/proc/%s/cmdline" % p, "rb").read().split(b"\\0") if a]
    except OSError:
        return None
    if len(argv) >= 2 and os.path.basename(argv[0]).startswith("python") and any(os.path.basename(a) == "app.py" for a in argv[1:3]):
        return argv
    return None
def find():
    found = {}
    for p in os.listdir("/proc"):
        if p.isdigit() and int(p) != os.getpid():
            argv = is_app(p)
            if argv:
                try:
                    found[int(p)] = {"pid": int(p), "ppid": stat(p)[1], "cmdline": argv, "cwd": os.readlink("/proc/%s/cwd" % p)}
                    env = dict(e.split("=", 1) for e in open("/proc/%s/environ" % p, "rb").read().decode("utf-8", "replace").split("\\0") if "=" in e)
                    found[int(p)]["port"] = int(env.get("GRADIO_SERVER_PORT") or 7860)
                except (OSError, ValueError):
                    found.pop(int(p), None)
    roots = [v for v in found.values() if v["ppid"] not in found]
    return roots[0] if roots else None
`;

/** Prints the service process as JSON ({pid, cwd, cmdline, port}) or null. */
export const FIND_SERVICE = `${PROC}
print(json.dumps(find()))
`;

/** argv: PID TIMEOUT_S. TERM to the service and its workers, KILL what is left after the timeout; exit 0 when all gone. */
export const STOP_SERVICE = `${PROC}
pid, timeout = int(sys.argv[1]), float(sys.argv[2])
if not is_app(pid):
    print(json.dumps({"error": "process %d is not python app.py (it has exited or the PID was reused)" % pid}))
    sys.exit(3)
procs = tree(pid)
for p in procs:
    try:
        os.kill(p, signal.SIGTERM)
    except OSError:
        pass
end = time.time() + timeout
while time.time() < end and any(alive(p) for p in procs):
    time.sleep(0.1)
killed = [p for p in procs if alive(p)]
for p in killed:
    try:
        os.kill(p, signal.SIGKILL)
    except OSError:
        pass
end = time.time() + 5
while time.time() < end and any(alive(p) for p in procs):
    time.sleep(0.1)
left = [p for p in procs if alive(p)]
print(json.dumps({"stopped": procs, "killed": killed, "left": left}))
sys.exit(1 if left else 0)
`;

/** argv: PORT TIMEOUT_S OLD_PID. Waits until a service other than OLD_PID runs and its web port answers; prints it and the log's first lines. */
export const WAIT_SERVICE = `${PROC}
import http.client
port, timeout, old = int(sys.argv[1]), float(sys.argv[2]), int(sys.argv[3])
end = time.time() + timeout
svc, answers = None, False
while time.time() < end:
    svc = find()
    if svc and svc["pid"] != old:
        try:
            c = http.client.HTTPConnection("127.0.0.1", svc.get("port", port), timeout=2)
            c.request("GET", "/config")
            answers = c.getresponse().status < 500
            c.close()
        except (OSError, http.client.HTTPException):
            answers = False
        if answers:
            break
    time.sleep(0.25)
head = []
try:
    with open("/tmp/gradio.log", "rb") as f:
        head = f.read(8192).decode("utf-8", "replace").splitlines()[:15]
except OSError:
    pass
print(json.dumps({"service": svc, "answers": answers, "logHead": head}))
sys.exit(0 if answers and svc and svc["pid"] != old else 1)
`;

/** bash argv: APP_DIR. Starts the service exactly as the deployment does; the exec returns at once. */
export const START_SERVICE =
  'source /opt/conda/etc/profile.d/conda.sh && conda activate human && cd "$1" && nohup python app.py > /tmp/gradio.log 2>&1 < /dev/null &';

/** argv: TIMEOUT_S. Prints {service, answers}: the service process (or null) and whether its web port answers within
 * the timeout (a service just started by a rollback takes a moment to listen). */
export const SERVICE_STATE = `${PROC}
import http.client
end = time.time() + float(sys.argv[1])
while True:
    svc, answers = find(), False
    if svc:
        try:
            c = http.client.HTTPConnection("127.0.0.1", svc.get("port", 7860), timeout=3)
            c.request("GET", "/config")
            answers = c.getresponse().status < 500
            c.close()
        except (OSError, http.client.HTTPException):
            answers = False
    if answers or not svc or time.time() > end:
        break
    time.sleep(0.5)
print(json.dumps({"service": svc, "answers": answers}))
`;
