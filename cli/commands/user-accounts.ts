// `dhc users list|add|passwd|disable|enable|delete`: user accounts as the local administrator (audited as the CLI).
import { CLI_ADMIN, isRole, ROLES } from '@/lib/auth/types';
import { deleteUser, resetPassword, setUserDisabled } from '@/lib/auth/user-lifecycle';
import { createUser, listUsers, type UserListing } from '@/lib/auth/users';
import { NotFoundError } from '@/lib/errors';
import { readSecret } from '../secret-input';
import { printJson, UsageError } from './hosts';

export const ACCOUNT_USAGE = `  dhc users list [--json]                 every user, role and state
  dhc users add NAME --role R             create a user; the password is read from stdin (or a prompt)
  dhc users passwd NAME                   set NAME's password (stdin or prompt); their sessions end
  dhc users disable NAME | enable NAME    refuse or allow sign-in; disabling ends their sessions
  dhc users delete NAME                   remove the user (the audit log keeps their entries)`;

export const ACCOUNT_VERBS = ['list', 'add', 'passwd', 'disable', 'enable', 'delete'] as const;

async function byName(name: string): Promise<UserListing> {
  const user = (await listUsers()).find((u) => u.username === name);
  if (!user) throw new NotFoundError(`user '${name}'`);
  return user;
}

function line(u: UserListing): string {
  const state = u.disabledAt ? `disabled since ${u.disabledAt}` : 'active';
  return `${u.username.padEnd(24)} ${u.role.padEnd(9)} ${state}`;
}

export async function runAccountVerb(
  verb: (typeof ACCOUNT_VERBS)[number],
  v: Record<string, string | boolean | string[] | undefined>,
  pos: string[],
): Promise<number> {
  if (verb === 'list') {
    const users = await listUsers();
    if (v.json) printJson({ users });
    else for (const u of users) process.stdout.write(`${line(u)}\n`);
    return 0;
  }
  const [name, extra] = pos;
  if (!name || extra !== undefined) throw new UsageError(`give one user name to ${verb}`);
  if (verb === 'add') {
    const role = v.role;
    if (!isRole(role)) throw new UsageError(`--role must be one of ${ROLES.join(', ')}`);
    const password = await readSecret(`password for ${name}: `);
    const user = await createUser(CLI_ADMIN, { username: name, password, role });
    process.stdout.write(`created ${user.username} (${user.role})\n`);
    return 0;
  }
  const user = await byName(name);
  if (verb === 'passwd') {
    await resetPassword(CLI_ADMIN, user.id, await readSecret(`new password for ${name}: `));
    process.stdout.write(`password of ${name} set; their sessions ended\n`);
  } else if (verb === 'delete') {
    await deleteUser(CLI_ADMIN, user.id);
    process.stdout.write(`${name} deleted\n`);
  } else {
    await setUserDisabled(CLI_ADMIN, user.id, verb === 'disable');
    process.stdout.write(
      verb === 'disable'
        ? `${name} disabled; their sessions ended\n`
        : `${name} may sign in again\n`,
    );
  }
  return 0;
}
