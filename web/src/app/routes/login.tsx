// /login: sign in, then go to the page the user came from (same-origin paths only) or /send-mms.
// While no account exists yet, the first-run page takes over.
import { Navigate, useNavigate, useSearchParams } from 'react-router';
import { Alert } from '@/components/ui/alert/alert';
import { AppShell } from '@/components/layouts/app-shell';
import { Card } from '@/components/ui/card/card';
import { PageLoading } from '@/components/ui/spinner/page-loading';
import { defaultSignedInPath, paths } from '@/config/paths';
import { useServerStatus } from '@/features/auth/api/get-server-status';
import { useSignedInNow } from '@/features/auth/api/use-signed-in-now';
import { LoginForm } from '@/features/auth/components/login-form';
import { useDocumentTitle } from '@/hooks/use-document-title';
import { safeCallbackPath } from '@/lib/callback-url';

export default function LoginRoute() {
  useDocumentTitle('Sign in');
  const { status, error } = useServerStatus();
  const [search] = useSearchParams();
  const navigate = useNavigate();
  const callbackPath = safeCallbackPath(search.get('callbackUrl')) ?? defaultSignedInPath;
  const signedInNow = useSignedInNow();
  const signedOut = search.get('signedOut') === '1';

  if (status?.setupRequired) return <Navigate to={paths.setup.getHref()} replace />;
  // Already signed in: nothing to do here.
  if (signedInNow) return <Navigate to={callbackPath} replace />;
  if (!status && !error) {
    // Status decides between this page and /setup, and whether the sandbox banner shows; waiting
    // for it (one small request, started before React mounts) keeps the form from jumping down.
    return (
      <AppShell width="narrow">
        <Card className="min-h-64">
          <PageLoading />
        </Card>
      </AppShell>
    );
  }
  return (
    <AppShell sandbox={status?.sandbox} width="narrow">
      <Card>
        {signedOut ? (
          <Alert tone="success" className="mb-4">
            You are signed out.
          </Alert>
        ) : null}
        <h1 className="mb-4 text-xl font-bold text-gray-900 dark:text-gray-50">Sign in</h1>
        <LoginForm callbackPath={callbackPath} onSignedIn={(path) => navigate(path, { replace: true })} />
      </Card>
    </AppShell>
  );
}
