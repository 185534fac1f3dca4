// Shared set-up for the web integration tests: a console with an admin, an operator and a viewer signed in.
import { startConsole, type ConsoleServer, type StartOptions } from '../../helpers/console-server';
import { ConsoleClient } from './console-client';

export const ADMIN = { username: 'admin', password: 'admin-password-1' };
export const OPERATOR = { username: 'olga', password: 'operator-password-1' };
export const VIEWER = { username: 'victor', password: 'viewer-password-1' };

export async function signIn(
  server: ConsoleServer,
  creds: { username: string; password: string },
): Promise<ConsoleClient> {
  const client = new ConsoleClient(server.url);
  const { reply } = await client.action('app/actions/sign-in.ts', 'signIn', [creds]);
  if (!reply?.ok) throw new Error(`sign-in of ${creds.username} failed: ${JSON.stringify(reply)}`);
  return client;
}

export interface Roles {
  server: ConsoleServer;
  admin: ConsoleClient;
  operator: ConsoleClient;
  viewer: ConsoleClient;
  anonymous: ConsoleClient;
}

export async function consoleWithRoles(options: StartOptions = {}): Promise<Roles> {
  const server = await startConsole(options);
  try {
    const admin = new ConsoleClient(server.url);
    const setup = await admin.action('app/actions/setup-admin.ts', 'setupAdmin', [ADMIN]);
    if (!setup.reply?.ok)
      throw new Error(`setup failed: ${JSON.stringify(setup.reply)} (HTTP ${setup.http.status})`);
    for (const [creds, role] of [
      [OPERATOR, 'operator'],
      [VIEWER, 'viewer'],
    ] as const) {
      const { reply } = await admin.action('app/actions/create-user.ts', 'createUserAction', [
        { ...creds, role },
      ]);
      if (!reply?.ok) throw new Error(`creating ${role} failed: ${JSON.stringify(reply)}`);
    }
    return {
      server,
      admin,
      operator: await signIn(server, OPERATOR),
      viewer: await signIn(server, VIEWER),
      anonymous: new ConsoleClient(server.url),
    };
  } catch (err) {
    await server.stop();
    throw err;
  }
}

/** A host an admin could add (generated key); the lab's sink address, where nothing listens on port 2200: any connection is refused at once, and nothing leaves this machine. */
export const validHost = (name: string) => ({
  name,
  address: '10.251.250.2',
  port: 2200,
  user: 'root',
  dockerSocket: '/run/docker.sock',
  groups: 'lab',
  keyMode: 'generate',
});

/** What an admin sees of hosts and users: compared before and after a refused call to prove nothing changed. */
export async function inventory(admin: ConsoleClient) {
  const hosts = (await admin.get('/api/hosts')).json<{
    hosts: { name: string; pinnedFingerprint: string | null }[];
  }>().hosts;
  const users = (await admin.get('/api/users')).json<{
    users: { username: string; role: string }[];
  }>().users;
  return { hosts, users };
}
