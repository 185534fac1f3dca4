import { createHash } from 'node:crypto';
import { ENV_PYTHON } from '@/lib/probes/container';
import type { RemedyContext } from './types';

// Reading and writing one file inside the container. Contents travel over stdin, never in argv; the path is an
// argv element of a fixed script, checked against SAFE_PATH first. Writes are atomic (temp file + rename) and keep
// the file's mode and owner, so a failed write leaves the old file.

const SAFE_PATH = /^\/(?:[A-Za-z0-9._-]+\/)*[A-Za-z0-9._-]+$/;

export function assertSafePath(path: string): void {
  if (!SAFE_PATH.test(path) || path.split('/').some((p) => p === '..' || p === '.')) {
    throw new Error(
      `refused file path ${JSON.stringify(path)}: must be absolute, without . or .. parts`,
    );
  }
}

const READ = `import sys, os, json
p = sys.argv[1]
if not os.path.exists(p):
    print(json.dumps({"exists": False})); sys.exit(0)
with open(p, "rb") as f: data = f.read()
st = os.stat(p)
print(json.dumps({"exists": True, "text": data.decode("utf-8", "surrogateescape"), "mode": st.st_mode & 0o7777, "mtime": st.st_mtime}))
`;

// argv: PATH SIZE SHA256. Input cut short (the connection dropped mid-stdin, so the exec saw an early EOF) is refused,
// never written: the size and digest of what was meant travel as argv, the content over stdin.
const WRITE = `import sys, os, tempfile, hashlib
p, size, digest = sys.argv[1], int(sys.argv[2]), sys.argv[3]
data = sys.stdin.buffer.read()
if len(data) != size or hashlib.sha256(data).hexdigest() != digest:
    sys.exit("incomplete input (%d of %d bytes): %s not written" % (len(data), size, p))
d = os.path.dirname(p)
st = os.stat(p) if os.path.exists(p) else None
fd, tmp = tempfile.mkstemp(dir=d, prefix=".dh-console-")
try:
    with os.fdopen(fd, "wb") as f:
        f.write(data); f.flush(); os.fsync(f.fileno())
    if st is not None:
        os.chmod(tmp, st.st_mode & 0o7777)
        try: os.chown(tmp, st.st_uid, st.st_gid)
        except PermissionError: pass
    else:
        os.chmod(tmp, 0o644)
    os.replace(tmp, p)
except BaseException:
    os.unlink(tmp); raise
`;

const COPY = `import sys, shutil
shutil.copy2(sys.argv[1], sys.argv[2])
`;

const REMOVE = `import sys, os
for p in sys.argv[1:]:
    if os.path.lexists(p): os.unlink(p)
`;

export interface ContainerFile {
  exists: boolean;
  text: string;
  mode?: number;
}

/** The exact argv of each operation, for the preview. */
export const fileArgv = {
  read: (path: string) => [ENV_PYTHON, '-c', READ, path],
  write: (path: string, text: string) => [ENV_PYTHON, '-c', WRITE, path, ...sizeAndDigest(text)],
  copy: (path: string, backup: string) => [ENV_PYTHON, '-c', COPY, path, backup],
  remove: (...paths: string[]) => [ENV_PYTHON, '-c', REMOVE, ...paths],
};

export async function readContainerFile(ctx: RemedyContext, path: string): Promise<ContainerFile> {
  assertSafePath(path);
  const r = await ctx.inContainer([ENV_PYTHON, '-c', READ, path], {
    check: true,
    onOutput: () => undefined,
  });
  const j = JSON.parse(r.stdout) as { exists: boolean; text?: string; mode?: number };
  return { exists: j.exists, text: j.text ?? '', mode: j.mode };
}

export async function writeContainerFile(
  ctx: RemedyContext,
  path: string,
  text: string,
): Promise<void> {
  assertSafePath(path);
  await ctx.inContainer(fileArgv.write(path, text), { stdin: text, check: true });
}

function sizeAndDigest(text: string): [string, string] {
  const b = Buffer.from(text, 'utf8');
  return [String(b.length), createHash('sha256').update(b).digest('hex')];
}

/** Copies `path` to `backup` (mode and times kept). */
export async function copyContainerFile(
  ctx: RemedyContext,
  path: string,
  backup: string,
): Promise<void> {
  assertSafePath(path);
  assertSafePath(backup);
  await ctx.inContainer([ENV_PYTHON, '-c', COPY, path, backup], { check: true });
}

export async function removeContainerFiles(ctx: RemedyContext, paths: string[]): Promise<void> {
  for (const p of paths) assertSafePath(p);
  await ctx.inContainer([ENV_PYTHON, '-c', REMOVE, ...paths], { check: true });
}

/** `<path>.dh-console-<UTC stamp>.bak`, the backup name every file edit uses. */
export function backupPath(path: string, at = new Date()): string {
  return `${path}.dh-console-${at
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d+Z$/, 'Z')}.bak`;
}
