import Link from 'next/link';
import { redirect } from 'next/navigation';
import { signIn } from '@/app/actions/sign-in';
import { AuthShell } from '@/components/auth/auth-shell';
import { CredentialsForm } from '@/components/auth/credentials-form';
import { hasAnyUser } from '@/lib/auth/users';
import { ensureBootstrapped } from '@/lib/web/bootstrap';
import { serverTranslator } from '@/lib/web/locale';
import { currentUser } from '@/lib/web/session';

// A signed-in visitor gets a link rather than a redirect: signing in re-renders this page in the same
// response, and a redirect there would swallow the action's result.
export default async function LoginPage() {
  await ensureBootstrapped();
  if (!(await hasAnyUser())) redirect('/setup');
  const [user, { t }] = await Promise.all([currentUser(), serverTranslator()]);
  return (
    <AuthShell appName={t('app.name')} title={t('auth.loginTitle')}>
      {user ? (
        <Link href="/" className="text-sky-700 hover:underline">
          {t('auth.signedInAs', { name: user.username })}
        </Link>
      ) : (
        <CredentialsForm submit={signIn} submitLabel={t('auth.loginSubmit')} />
      )}
    </AuthShell>
  );
}
