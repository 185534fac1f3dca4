import { AdminOnly } from '@/components/common/admin-only';
import { UsersView } from '@/components/users/users-view';
import { serverTranslator } from '@/lib/web/locale';
import { currentUser } from '@/lib/web/session';

export default async function UsersPage() {
  const [user, { t }] = await Promise.all([currentUser(), serverTranslator()]);
  return (
    <AdminOnly user={user} message={t('errors.forbiddenPage')}>
      <UsersView currentUserId={user?.id ?? ''} />
    </AdminOnly>
  );
}
