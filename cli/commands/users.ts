// `dhc users …`: accounts (cli/commands/user-accounts.ts) and the sign-in locks, as the local administrator.
import { listLoginLocks } from '@/lib/auth/login-limit';
import { unlockSignIn } from '@/lib/auth/unlock';
import { CLI_ADMIN } from '@/lib/auth/types';
import { printJson, runCommand, UsageError } from './hosts';
import { ACCOUNT_USAGE, ACCOUNT_VERBS, runAccountVerb } from './user-accounts';

export const summary =
  'user accounts and sign-in locks (dhc users list|add|passwd|disable|enable|delete|locks|unlock)';

const USAGE = `usage:
${ACCOUNT_USAGE}
  dhc users unlock NAME [--json]          lift every sign-in lock and failure count of user name NAME
  dhc users unlock --address A [--json]   lift the lock of client address A (for every name)
  dhc users locks [--json]                the sign-in locks in force, with when each ends
common: --data DIR (default: $CONSOLE_DATA_DIR or ./data). Acts as the local administrator;
every change is audited.`;

export async function run(args: string[]): Promise<number> {
  const [sub, ...rest] = args;
  if (sub === undefined || sub === '--help' || sub === '-h' || sub === 'help') {
    (sub === undefined ? process.stderr : process.stdout).write(`${USAGE}\n`);
    return sub === undefined ? 2 : 0;
  }
  const options = {
    json: { type: 'boolean' as const },
    address: { type: 'string' as const },
    role: { type: 'string' as const },
  };
  return runCommand(
    `users ${sub}`,
    rest,
    options,
    async (v, positionals) => {
      const verb = ACCOUNT_VERBS.find((x) => x === sub);
      if (verb) return runAccountVerb(verb, v, positionals);
      if (sub === 'unlock') {
        const address = typeof v.address === 'string' ? v.address : undefined;
        if (positionals.length > 1 || (address === undefined) === (positionals.length === 0)) {
          throw new UsageError('give one user name, or --address A');
        }
        const target = address === undefined ? { username: positionals[0]! } : { address };
        const result = await unlockSignIn(CLI_ADMIN, target);
        const who =
          'username' in target ? `user name '${target.username}'` : `address ${target.address}`;
        if (v.json) printJson({ ...target, ...result });
        else if (result.lifted > 0) process.stdout.write(`sign-in lock of ${who} lifted\n`);
        else process.stdout.write(`${who} had no lock or failure count\n`);
        return 0;
      }
      if (sub === 'locks') {
        if (positionals.length > 0) throw new UsageError(`unexpected argument '${positionals[0]}'`);
        const locks = await listLoginLocks();
        if (v.json) printJson({ locks });
        else if (locks.length === 0) process.stdout.write('no sign-in lock in force\n');
        for (const l of v.json ? [] : locks) {
          const who = `${l.username || '(any name)'}  from ${l.address || '(any address)'}`;
          process.stdout.write(`${who}  until ${l.until}  (${l.failures} failures)\n`);
        }
        return 0;
      }
      throw new UsageError(`unknown subcommand '${sub}'`);
    },
    USAGE,
  );
}
