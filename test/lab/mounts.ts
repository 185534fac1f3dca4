// Mounts dockerd and containerd leave under a lab's directories (overlay layers, shm, netns files, bind mounts).
import fs from 'node:fs';
import { run } from './exec';

function decode(field: string): string {
  return field.replace(/\\([0-7]{3})/g, (_, o: string) => String.fromCharCode(parseInt(o, 8)));
}

export function mountsUnder(roots: string[]): string[] {
  const points = fs
    .readFileSync('/proc/self/mountinfo', 'utf8')
    .split('\n')
    .map((l) => l.split(' ')[4])
    .filter((p): p is string => !!p)
    .map(decode);
  return points.filter((p) => roots.some((r) => p === r || p.startsWith(`${r}/`)));
}

/** Unmounts everything under `roots`, deepest first; lazily when busy. Throws if any remain. */
export async function unmountUnder(roots: string[]): Promise<void> {
  for (let pass = 0; pass < 3; pass++) {
    const left = mountsUnder(roots).sort((a, b) => b.length - a.length);
    if (left.length === 0) return;
    for (const m of left) {
      const r = await run('umount', [m]);
      if (r.code !== 0) await run('umount', ['-l', m]);
    }
  }
  const left = mountsUnder(roots);
  if (left.length) throw new Error(`lab: could not unmount ${left.join(', ')}`);
}
