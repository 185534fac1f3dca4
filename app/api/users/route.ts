import { listLoginLocks } from '@/lib/auth/login-limit';
import { listUsers } from '@/lib/auth/users';
import { withRole } from '@/lib/web/route';

export const dynamic = 'force-dynamic';

export const GET = withRole({ name: 'user.list', role: 'admin' }, async () => ({
  users: await listUsers(),
  locks: await listLoginLocks(),
}));
