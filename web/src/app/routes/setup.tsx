// /setup: first run only. Creates the first account, signs in with it and goes to /send-mms.
// Needs the one-time token of the setup link the server printed (/setup?token=…).
import { Navigate, useNavigate, useSearchParams } from 'react-router';
import { AppShell } from '@/components/layouts/app-shell';
import { Alert } from '@/components/ui/alert/alert';
import { Card } from '@/components/ui/card/card';
import { PageLoading } from '@/components/ui/spinner/page-loading';
import { defaultSignedInPath, paths } from '@/config/paths';
import { useServerStatus } from '@/features/auth/api/get-server-status';
import { SetupForm, setupLinkMessage } from '@/features/auth/components/setup-form';
import { useDocumentTitle } from '@/hooks/use-document-title';

export default function SetupRoute() {
  useDocumentTitle('Set up mmsgate');
  const { status, error } = useServerStatus();
  const navigate = useNavigate();
  const [searchParams] = useSearchParams();
  const setupToken = searchParams.get('token')?.trim() ?? '';

  if (status && !status.setupRequired) return <Navigate to={paths.login.getHref()} replace />;
  return (
    <AppShell sandbox={status?.sandbox} width="narrow">
      {error ? <Alert tone="error">{error.message}</Alert> : null}
      {!status && !error ? <PageLoading /> : null}
      {status ? (
        <Card>
          <h1 className="text-xl font-bold text-gray-900 dark:text-gray-50">Welcome to mmsgate</h1>
          {setupToken ? (
            <>
              <p className="mt-1 text-sm text-gray-700 dark:text-gray-300">
                Create the <strong>admin account</strong>: the first account, which can see every user’s messages.
              </p>
              <p className="mt-2 mb-4 text-sm text-gray-700 dark:text-gray-300">
                Next steps: you are signed in and can send a message. Teammates get their own accounts on the server with{' '}
                <code className="font-mono">mmsgate user add</code> (see <code className="font-mono">mmsgate user add --help</code>).
              </p>
              <SetupForm
                setupToken={setupToken}
                signedInPath={defaultSignedInPath}
                onSignedIn={(path) => navigate(path, { replace: true })}
                onAlreadySetUp={() => navigate(paths.login.getHref(), { replace: true })}
              />
            </>
          ) : (
            <Alert tone="info" className="mt-4">
              {setupLinkMessage}
            </Alert>
          )}
        </Card>
      ) : null}
    </AppShell>
  );
}
