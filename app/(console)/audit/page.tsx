import { AdminOnly } from '@/components/common/admin-only';
import { AuditView } from '@/components/audit/audit-view';
import { serverTranslator } from '@/lib/web/locale';
import { currentUser } from '@/lib/web/session';

export default async function AuditPage() {
  const [user, { t }] = await Promise.all([currentUser(), serverTranslator()]);
  return (
    <AdminOnly user={user} message={t('errors.forbiddenPage')}>
      <AuditView />
    </AdminOnly>
  );
}
