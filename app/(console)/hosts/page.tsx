import { AdminOnly } from '@/components/common/admin-only';
import { HostsView } from '@/components/hosts/hosts-view';
import { serverTranslator } from '@/lib/web/locale';
import { currentUser } from '@/lib/web/session';

export default async function HostsPage() {
  const [user, { t }] = await Promise.all([currentUser(), serverTranslator()]);
  return (
    <AdminOnly user={user} message={t('errors.forbiddenPage')}>
      <HostsView />
    </AdminOnly>
  );
}
