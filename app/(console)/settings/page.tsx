import { AdminOnly } from '@/components/common/admin-only';
import { DefaultsView } from '@/components/remedies/defaults-view';
import { serverTranslator } from '@/lib/web/locale';
import { currentUser } from '@/lib/web/session';

export default async function SettingsPage() {
  const [user, { t }] = await Promise.all([currentUser(), serverTranslator()]);
  return (
    <AdminOnly user={user} message={t('errors.forbiddenPage')}>
      <DefaultsView />
    </AdminOnly>
  );
}
