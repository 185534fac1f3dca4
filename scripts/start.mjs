// `npm start`: build when the build is missing or older than the sources, then serve on $PORT (default 3000).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const buildId = path.join(root, '.next', 'BUILD_ID');

function newestMtime(dir) {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestMtime(p));
    else newest = Math.max(newest, fs.statSync(p).mtimeMs);
  }
  return newest;
}

const sources = ['app', 'components', 'lib', 'public']
  .map((d) => path.join(root, d))
  .filter((d) => fs.existsSync(d));
const built = fs.existsSync(buildId) ? fs.statSync(buildId).mtimeMs : 0;
if (!built || Math.max(...sources.map(newestMtime)) > built) {
  const b = spawnSync('npx', ['next', 'build'], { cwd: root, stdio: 'inherit' });
  if (b.status !== 0) process.exit(b.status ?? 1);
}
const port = process.env.PORT || '3000';
const s = spawnSync('npx', ['next', 'start', '-p', port], { cwd: root, stdio: 'inherit' });
process.exit(s.status ?? 1);
