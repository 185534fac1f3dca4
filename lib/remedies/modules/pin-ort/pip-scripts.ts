// Fixed Python scripts for the pin-ort remedy, run with the env's interpreter; values only as argv.

/** argv: DIST TAR. Saves the installed distribution's files (inside the env) into TAR, for an offline restore. */
export const BACKUP_DIST = `import sys, os, tarfile, json
from importlib import metadata
name, out = sys.argv[1], sys.argv[2]
try:
    dist = metadata.distribution(name)
except metadata.PackageNotFoundError:
    print(json.dumps({"version": None}))
    sys.exit(0)
prefix = os.path.realpath(sys.prefix)
os.makedirs(os.path.dirname(out), exist_ok=True)
n = 0
with tarfile.open(out + ".part", "w") as t:
    for f in dist.files or []:
        p = os.path.realpath(str(dist.locate_file(f)))
        if p.startswith(prefix + os.sep) and os.path.isfile(p):
            t.add(p, arcname=os.path.relpath(p, prefix))
            n += 1
os.replace(out + ".part", out)
print(json.dumps({"version": dist.version, "files": n, "backup": out}))
`;

/** argv: DIST TAR VERSION. Puts VERSION back from TAR (unless it is what is installed); exit 0 when it imports. */
export const RESTORE_DIST = `import sys, os, tarfile, json, subprocess
name, tar, version = sys.argv[1:4]
def installed():
    r = subprocess.run([sys.executable, "-c", "from importlib import metadata; import sys; print(metadata.version(sys.argv[1]))", name], capture_output=True, text=True)
    return r.stdout.strip() if r.returncode == 0 else None
if installed() == version:
    print(json.dumps({"restored": False, "version": version}))
    sys.exit(0)
prefix = os.path.realpath(sys.prefix)
with tarfile.open(tar) as t:
    members = t.getmembers()
    for m in members:
        dest = os.path.realpath(os.path.join(prefix, m.name))
        if not m.isfile() or not dest.startswith(prefix + os.sep):
            sys.exit("refusing to restore %r: outside the env" % m.name)
    if installed() is not None:
        subprocess.check_call([sys.executable, "-m", "pip", "uninstall", "-y", "--disable-pip-version-check", name])
    t.extractall(prefix, members=members)
now = installed()
print(json.dumps({"restored": True, "version": now}))
sys.exit(0 if now == version else 1)
`;

/** argv: DIR. Removes the downloaded wheels, keeping the backup for a later undo. */
export const CLEAN_DOWNLOADS = `import sys, os
d = sys.argv[1]
for f in os.listdir(d):
    if f.endswith(".whl"):
        os.unlink(os.path.join(d, f))
`;
