import { PasswordForm } from '@/components/account/password-form';
import { PageHeader } from '@/components/ui/card';
import { serverTranslator } from '@/lib/web/locale';
import { currentUser } from '@/lib/web/session';

export default async function AccountPage() {
  const [user, { t }] = await Promise.all([currentUser(), serverTranslator()]);
  if (!user) return null; // the console layout has sent a stranger to the sign-in page already
  return (
    <div className="space-y-4">
      <PageHeader
        title={t('account.title')}
        subtitle={t('account.intro', { name: user.username, role: t(`roles.${user.role}`) })}
      />
      <PasswordForm />
    </div>
  );
}
