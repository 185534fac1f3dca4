import fs from 'node:fs';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { AuthError } from '@/lib/auth/errors';
import { ConflictError, NotFoundError, ValidationError } from '@/lib/errors';
import { CLI_ADMIN } from '@/lib/auth/types';
import {
  addHost,
  getHostByName,
  listHosts,
  removeHost,
  trustHostKey,
  type HostView,
} from '@/lib/hosts/service';
import { remote, RemoteError } from '@/lib/remote';
import { closeDb, StoreError } from '@/lib/store/db';

export const summary = 'add, list, trust and remove hosts (dhc hosts --help)';

const USAGE = `usage:
  dhc hosts add NAME --address A [--port P] --user U --key-file F [--docker-socket PATH] [--group G]... [--json]
  dhc hosts list [--json]
  dhc hosts trust NAME (--fingerprint SHA256:... | --accept-seen) [--json]
  dhc hosts remove NAME
common: --data DIR (default: $CONSOLE_DATA_DIR or ./data). Acts as the local administrator; every change is audited.`;

/** Domain field names as the CLI user knows them (its option names). */
const CLI_FIELD: Record<string, string> = {
  privateKey: '--key-file',
  dockerSocket: '--docker-socket',
  groups: '--group',
  address: '--address',
  port: '--port',
  user: '--user',
  name: 'NAME',
  fingerprint: '--fingerprint',
};

/** Thrown for wrong command-line usage: printed with the usage text, exit status 2. */
export class UsageError extends Error {}

/**
 * Shared by the core verbs: parses options (plus --data), runs, and turns every expected failure into one
 * clear line on stderr and a non-zero exit status (2 usage or invalid input, 1 anything else).
 */
export async function runCommand(
  verb: string,
  args: string[],
  options: NonNullable<ParseArgsConfig['options']>,
  body: (
    values: Record<string, string | boolean | string[] | undefined>,
    positionals: string[],
  ) => Promise<number>,
  usage: string,
): Promise<number> {
  try {
    const parsed = (() => {
      try {
        const all = {
          ...options,
          data: { type: 'string' },
          help: { type: 'boolean', short: 'h' },
        } as const;
        return parseArgs({ args, options: all, allowPositionals: true, strict: true });
      } catch (err) {
        throw new UsageError((err as Error).message);
      }
    })();
    if (parsed.values.help) {
      process.stdout.write(`${usage}\n`);
      return 0;
    }
    if (typeof parsed.values.data === 'string') process.env.CONSOLE_DATA_DIR = parsed.values.data;
    return await body(
      parsed.values as Record<string, string | boolean | string[] | undefined>,
      parsed.positionals,
    );
  } catch (err) {
    const say = (msg: string) => process.stderr.write(`dhc ${verb}: ${msg}\n`);
    if (err instanceof UsageError) {
      say(err.message);
      process.stderr.write(`${usage}\n`);
      return 2;
    }
    if (err instanceof ValidationError) {
      say('invalid input');
      for (const i of err.issues)
        process.stderr.write(`  ${CLI_FIELD[i.field] ?? i.field}: ${i.message}\n`);
      return 2;
    }
    if (
      err instanceof StoreError ||
      err instanceof RemoteError ||
      err instanceof ConflictError ||
      err instanceof NotFoundError ||
      err instanceof AuthError
    ) {
      say(err.message);
      return 1;
    }
    throw err;
  } finally {
    remote.closeAll();
    closeDb();
  }
}

export const printJson = (value: unknown): void => {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
};

function hostLine(h: HostView): string {
  const key = h.pinnedFingerprint
    ? `pinned ${h.pinnedFingerprint}`
    : h.seenFingerprint
      ? `UNCONFIRMED (seen ${h.seenFingerprint})`
      : 'unconfirmed';
  const groups = h.groups.length ? ` [${h.groups.join(',')}]` : '';
  return `${h.name.padEnd(16)} ${h.user}@${h.address}:${h.port}  docker ${h.dockerSocket}  ${key}${groups}`;
}

async function hostNamed(name: string | undefined): Promise<HostView> {
  if (!name) throw new UsageError('a host NAME is required');
  const h = await getHostByName(name);
  if (!h) throw new NotFoundError(`host '${name}'`);
  return h;
}

function readKeyFile(file: string): string {
  let st: fs.Stats;
  try {
    st = fs.statSync(file);
  } catch {
    throw new ValidationError([{ field: 'privateKey', message: `cannot read ${file}` }]);
  }
  if (!st.isFile() || st.size > 16_384)
    throw new ValidationError([
      {
        field: 'privateKey',
        message: `${file} is not a key file (a regular file of at most 16 KiB)`,
      },
    ]);
  return fs.readFileSync(file, 'utf8');
}

async function add(v: Record<string, unknown>, pos: string[]): Promise<number> {
  if (pos.length !== 1) throw new UsageError('hosts add takes exactly one NAME');
  if (typeof v['key-file'] !== 'string') throw new UsageError('--key-file is required');
  const h = await addHost(CLI_ADMIN, {
    name: pos[0]!,
    address: (v.address as string | undefined) ?? '',
    port: (v.port as string | undefined) ?? 22,
    user: (v.user as string | undefined) ?? '',
    privateKey: readKeyFile(v['key-file']),
    dockerSocket: v['docker-socket'] as string | undefined,
    groups: (v.group as string[] | undefined) ?? [],
  });
  if (v.json) printJson({ host: h });
  else
    process.stdout.write(
      `added ${hostLine(h)}\nnext: dhc hosts trust ${h.name} --accept-seen (after checking the fingerprint) or --fingerprint SHA256:...\n`,
    );
  return 0;
}

async function trust(v: Record<string, unknown>, pos: string[]): Promise<number> {
  const h = await hostNamed(pos[0]);
  const given = v.fingerprint as string | undefined;
  if ((given === undefined) === !v['accept-seen'])
    throw new UsageError('give exactly one of --fingerprint SHA256:... or --accept-seen');
  let fingerprint = given;
  if (v['accept-seen']) {
    const seen = await remote.probeHostKey(h.id);
    if (h.pinnedFingerprint && !seen.matchesPinned) {
      throw new ConflictError(
        `host key of ${h.name} changed: pinned ${h.pinnedFingerprint}, the host presents ${seen.fingerprint}. ` +
          `--accept-seen never replaces a pinned key; check the host, then run: dhc hosts trust ${h.name} --fingerprint ${seen.fingerprint}`,
      );
    }
    fingerprint = seen.fingerprint;
  }
  const updated = await trustHostKey(CLI_ADMIN, h.id, fingerprint!);
  if (v.json) printJson({ host: updated });
  else process.stdout.write(`${updated.name}: host key pinned ${updated.pinnedFingerprint}\n`);
  return 0;
}

export async function run(args: string[]): Promise<number> {
  const [sub, ...rest] = args;
  if (sub === undefined || sub === '--help' || sub === '-h' || sub === 'help') {
    (sub === undefined ? process.stderr : process.stdout).write(`${USAGE}\n`);
    return sub === undefined ? 2 : 0;
  }
  const options = {
    address: { type: 'string' },
    port: { type: 'string' },
    user: { type: 'string' },
    'key-file': { type: 'string' },
    'docker-socket': { type: 'string' },
    group: { type: 'string', multiple: true },
    json: { type: 'boolean' },
    fingerprint: { type: 'string' },
    'accept-seen': { type: 'boolean' },
  } as const;
  return runCommand(
    `hosts ${sub ?? ''}`.trim(),
    rest,
    options,
    async (v, pos) => {
      switch (sub) {
        case 'add':
          return add(v, pos);
        case 'list': {
          const hosts = await listHosts();
          if (v.json) printJson({ hosts });
          else
            process.stdout.write(
              hosts.length
                ? `${hosts.map(hostLine).join('\n')}\n`
                : 'no hosts yet: dhc hosts add NAME ...\n',
            );
          return 0;
        }
        case 'trust':
          return trust(v, pos);
        case 'remove': {
          const h = await hostNamed(pos[0]);
          await removeHost(CLI_ADMIN, h.id);
          process.stdout.write(`removed ${h.name}\n`);
          return 0;
        }
        default:
          throw new UsageError(sub ? `unknown subcommand '${sub}'` : 'a subcommand is required');
      }
    },
    USAGE,
  );
}
