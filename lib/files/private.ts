// Everything the console keeps under its data directory is its own: folders 0700, files 0600 (the database and
// its WAL, the master key, uploaded test inputs, test-run output videos). Folders made by an older console with
// looser modes are tightened when next used. Modes are set explicitly, whatever the process's umask.
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import { dataDir } from '../config';

export const PRIVATE_DIR_MODE = 0o700;
export const PRIVATE_FILE_MODE = 0o600;

/** `dir` and each folder between the data directory and it (inclusive), as far as they are inside it. */
function chain(dir: string): string[] {
  const root = dataDir();
  const rel = path.relative(root, path.resolve(dir));
  if (rel.startsWith('..') || path.isAbsolute(rel)) return [path.resolve(dir)];
  const parts = rel === '' ? [] : rel.split(path.sep);
  return [root, ...parts.map((_, i) => path.join(root, ...parts.slice(0, i + 1)))];
}

function tighten(p: string, mode: number): void {
  const st = fs.statSync(p, { throwIfNoEntry: false });
  if (st && (st.mode & 0o777) !== mode) fs.chmodSync(p, mode);
}

/** Makes `dir` (and its parents) with mode 0700, tightening those that exist under the data directory. */
export function makePrivateDirSync(dir: string): void {
  fs.mkdirSync(dir, { recursive: true, mode: PRIVATE_DIR_MODE });
  for (const d of chain(dir)) tighten(d, PRIVATE_DIR_MODE);
}

export async function makePrivateDir(dir: string): Promise<void> {
  await fsp.mkdir(dir, { recursive: true, mode: PRIVATE_DIR_MODE });
  for (const d of chain(dir)) {
    const st = await fsp.stat(d).catch(() => null);
    if (st && (st.mode & 0o777) !== PRIVATE_DIR_MODE) await fsp.chmod(d, PRIVATE_DIR_MODE);
  }
}

/** Sets mode 0600 on files that exist (e.g. the database and its `-wal` and `-shm`). */
export function makePrivateFilesSync(...files: string[]): void {
  for (const f of files) tighten(f, PRIVATE_FILE_MODE);
}
