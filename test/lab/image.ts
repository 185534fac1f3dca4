// Images without a registry: a debootstrap root filesystem (cached tarball), the payload overlaid and set up in a
// chroot (cached tarball keyed by a hash of test/lab/payload), imported into each host's engine.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { CACHE_DIR, IMAGE, PAYLOAD_DIR } from './config';
import { must, program } from './exec';
import { dockerApi } from './daemons';

// Bump when the build recipe below changes in a way that must invalidate cached images.
const RECIPE = 'heygem-2';
const BASE_TAR = path.join(CACHE_DIR, 'base-bookworm-minbase.tar');
const BASE_PACKAGES = 'python3,python3-venv,python3-pip,procps';
/** Versions the hosts' package index offers; 1.16.0 is the fix, 1.18.0 the broken default. */
export const WHEEL_VERSIONS = [
  '1.15.1',
  '1.16.0',
  '1.16.3',
  '1.17.1',
  '1.18.0',
  '1.18.1',
  '1.19.2',
];

type Log = (s: string) => void;

/** The Debian mirror this machine's apt uses (never a host name written into the repository). */
export function aptMirror(): string {
  const candidates: string[] = [];
  const dir = '/etc/apt/sources.list.d';
  for (const f of fs.existsSync(dir) ? fs.readdirSync(dir).sort() : []) {
    if (!f.endsWith('.sources')) continue;
    for (const stanza of fs.readFileSync(path.join(dir, f), 'utf8').split(/\n\s*\n/)) {
      const field = (k: string) =>
        new RegExp(`^${k}:\\s*(.+)$`, 'mi').exec(stanza)?.[1]?.trim() ?? '';
      if (
        !/\bdeb\b/.test(field('Types')) ||
        !/(^|\s)bookworm(\s|$)/.test(field('Suites')) ||
        /^no$/i.test(field('Enabled'))
      )
        continue;
      candidates.push(...field('URIs').split(/\s+/));
    }
  }
  if (fs.existsSync('/etc/apt/sources.list')) {
    for (const line of fs.readFileSync('/etc/apt/sources.list', 'utf8').split('\n')) {
      const m = /^deb\s+(?:\[[^\]]*\]\s+)?(\S+)\s+bookworm\s/.exec(line.trim());
      if (m?.[1]) candidates.push(m[1]);
    }
  }
  const mirror = candidates.find((u) => /^https?:\/\//.test(u));
  if (!mirror)
    throw new Error(
      'lab: no Debian bookworm mirror found in /etc/apt/sources.list(.d): debootstrap needs one',
    );
  return mirror;
}

function listFiles(dir: string, rel = ''): string[] {
  const out: string[] = [];
  for (const e of fs
    .readdirSync(path.join(dir, rel), { withFileTypes: true })
    .sort((a, b) => a.name.localeCompare(b.name))) {
    if (e.name === '__pycache__' || e.name.endsWith('.pyc')) continue;
    const r = path.join(rel, e.name);
    if (e.isDirectory()) out.push(...listFiles(dir, r));
    else out.push(r);
  }
  return out;
}

/** Hash of every payload file's path, mode and content (plus the recipe): a changed payload rebuilds the image. */
export function payloadKey(): string {
  if (!fs.existsSync(path.join(PAYLOAD_DIR, 'rootfs'))) {
    throw new Error(
      `lab: the payload is missing (${PAYLOAD_DIR}/rootfs): see test/lab/README.md, "Payload contract"`,
    );
  }
  const h = crypto.createHash('sha256').update(RECIPE).update(WHEEL_VERSIONS.join(','));
  for (const f of listFiles(PAYLOAD_DIR)) {
    const p = path.join(PAYLOAD_DIR, f);
    const st = fs.lstatSync(p);
    h.update(`${f}\0${st.mode & 0o111 ? 'x' : '-'}\0`);
    h.update(st.isSymbolicLink() ? fs.readlinkSync(p) : fs.readFileSync(p));
  }
  return h.digest('hex').slice(0, 16);
}

async function tarInto(dir: string, tarball: string): Promise<void> {
  const tmp = `${tarball}.tmp`;
  await must('tar', ['--numeric-owner', '--xattrs', '-C', dir, '-cf', tmp, '.'], {
    timeoutMs: 600_000,
  });
  fs.renameSync(tmp, tarball);
}

export async function baseTarball(log: Log): Promise<string> {
  if (fs.existsSync(BASE_TAR)) return BASE_TAR;
  fs.mkdirSync(CACHE_DIR, { recursive: true });
  const dir = fs.mkdtempSync(path.join(CACHE_DIR, 'base-build-'));
  try {
    const mirror = aptMirror();
    log(
      `building the base root filesystem with debootstrap from ${mirror} (once; cached in ${CACHE_DIR})`,
    );
    // Own mount namespace: whatever debootstrap mounts in the target disappears with it.
    await must(
      program('unshare'),
      [
        '--mount',
        '--propagation',
        'private',
        program('debootstrap'),
        '--variant=minbase',
        `--include=${BASE_PACKAGES}`,
        'bookworm',
        dir,
        mirror,
      ],
      { timeoutMs: 900_000 },
    );
    await tarInto(dir, BASE_TAR);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
  return BASE_TAR;
}

export const wheelsDir = (key: string) => path.join(CACHE_DIR, `wheels-${key}`);
export const heygemTar = (key: string) => path.join(CACHE_DIR, `heygem-${key}.tar`);

async function buildWheels(key: string): Promise<string> {
  const out = wheelsDir(key);
  if (fs.existsSync(path.join(out, '.complete'))) return out;
  fs.rmSync(out, { recursive: true, force: true });
  fs.mkdirSync(out, { recursive: true });
  await must('python3', [path.join(PAYLOAD_DIR, 'build_wheels.py'), out, ...WHEEL_VERSIONS]);
  fs.writeFileSync(path.join(out, '.complete'), '');
  return out;
}

// Runs setup-env.sh in the new root with /proc and /dev, in private mount and network namespaces: its mounts vanish
// when it exits, and it cannot reach any network. "$1" is the root directory (an argument, not pasted into the text).
const CHROOT_SCRIPT =
  'set -e; mount -t proc proc "$1/proc"; mount --rbind /dev "$1/dev"; exec chroot "$1" /usr/local/lib/dh-lab/setup-env.sh';

export async function heygemTarball(
  log: Log,
): Promise<{ key: string; tarball: string; wheels: string }> {
  const key = payloadKey();
  const tarball = heygemTar(key);
  const wheels = await buildWheels(key);
  if (fs.existsSync(tarball)) return { key, tarball, wheels };
  const base = await baseTarball(log);
  log(`building the HeyGem image ${key} (payload changed or first run)`);
  const dir = fs.mkdtempSync(path.join(CACHE_DIR, 'heygem-build-'));
  try {
    await must('tar', ['--numeric-owner', '-C', dir, '-xf', base], { timeoutMs: 300_000 });
    await must('cp', ['-a', `${path.join(PAYLOAD_DIR, 'rootfs')}/.`, `${dir}/`]);
    fs.mkdirSync(path.join(dir, 'tmp/wheels'), { recursive: true });
    await must('cp', ['-a', `${wheels}/.`, path.join(dir, 'tmp/wheels')]);
    await must(
      program('unshare'),
      ['--mount', '--net', '--propagation', 'private', 'sh', '-c', CHROOT_SCRIPT, 'sh', dir],
      { timeoutMs: 600_000 },
    );
    fs.rmSync(path.join(dir, 'tmp/wheels'), { recursive: true, force: true });
    await tarInto(dir, tarball);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
  for (const f of fs.readdirSync(CACHE_DIR)) {
    if (/^(heygem-|wheels-)[0-9a-f]{16}(\.tar)?$/.test(f) && !f.includes(key))
      fs.rmSync(path.join(CACHE_DIR, f), { recursive: true, force: true });
  }
  return { key, tarball, wheels };
}

/** Imports the image into one engine unless that engine already has this payload key. */
export async function importImage(socket: string, key: string, tarball: string): Promise<void> {
  const r = await dockerApi(socket, `/images/${encodeURIComponent(IMAGE)}/json`);
  if (
    r.status === 200 &&
    (JSON.parse(r.body) as { Config?: { Labels?: Record<string, string> } }).Config?.Labels?.[
      'dh-lab.payload'
    ] === key
  )
    return;
  await must(
    program('docker'),
    [
      '-H',
      `unix://${socket}`,
      'import',
      '--change',
      'CMD ["/usr/local/bin/dh-entrypoint"]',
      '--change',
      'WORKDIR /app/HeyGem-Linux-Python-Hack',
      '--change',
      'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin',
      '--change',
      `LABEL dh-lab.payload=${key}`,
      tarball,
      IMAGE,
    ],
    { timeoutMs: 300_000 },
  );
  // The image this one replaced under the same tag.
  await dockerApi(
    socket,
    `/images/prune?filters=${encodeURIComponent('{"dangling":["true"]}')}`,
    'POST',
  );
}
