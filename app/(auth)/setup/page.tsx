import Link from 'next/link';
import { setupAdmin } from '@/app/actions/setup-admin';
import { AuthShell } from '@/components/auth/auth-shell';
import { CredentialsForm } from '@/components/auth/credentials-form';
import { Notice } from '@/components/ui/notice';
import { hasAnyUser } from '@/lib/auth/users';
import { ensureBootstrapped } from '@/lib/web/bootstrap';
import { serverTranslator } from '@/lib/web/locale';

// The form shows only while no user exists; the action itself refuses a second setup whatever the page shows.
export default async function SetupPage() {
  await ensureBootstrapped();
  const [anyUser, { t }] = await Promise.all([hasAnyUser(), serverTranslator()]);
  return (
    <AuthShell appName={t('app.name')} title={t('auth.setupTitle')}>
      {anyUser ? (
        <div className="space-y-3">
          <Notice tone="info" testId="setup-done">
            {t('errors.setup_done')}
          </Notice>
          <Link href="/login" className="text-sky-700 hover:underline">
            {t('auth.loginTitle')}
          </Link>
        </div>
      ) : (
        <CredentialsForm
          submit={setupAdmin}
          submitLabel={t('auth.setupSubmit')}
          confirmPassword
          intro={t('auth.setupIntro')}
        />
      )}
    </AuthShell>
  );
}
