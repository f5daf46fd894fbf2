// /invite/:token and /reset-password/:token: the page behind a one-time link an admin passed on.
import { useEffect, useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import { AppShell } from '@/components/layouts/app-shell';
import { Alert } from '@/components/ui/alert/alert';
import { Card } from '@/components/ui/card/card';
import { PageLoading } from '@/components/ui/spinner/page-loading';
import { defaultSignedInPath, paths } from '@/config/paths';
import { useServerStatus } from '@/features/auth/api/get-server-status';
import { describeLink, type LinkDescription } from '@/features/team/api/users';
import { AcceptLinkForm } from '@/features/team/components/accept-link-form';
import { useDocumentTitle } from '@/hooks/use-document-title';

export default function InviteRoute() {
  const { token = '' } = useParams();
  const { status } = useServerStatus();
  const navigate = useNavigate();
  const [link, setLink] = useState<LinkDescription | null>(null);
  const [error, setError] = useState<string | null>(null);
  useDocumentTitle(link?.kind === 'reset' ? 'Set a new password' : 'Join mmsgate');

  useEffect(() => {
    describeLink(token).then(setLink, (cause: unknown) => setError(cause instanceof Error ? cause.message : 'This link is not valid.'));
  }, [token]);

  return (
    <AppShell sandbox={status?.sandbox} width="narrow">
      {error ? (
        <Alert tone="error" title="This link cannot be used">
          <p>{error}</p>
          <p className="mt-1">
            Ask an admin for a new link, or <a className="underline" href={paths.login.getHref()}>sign in</a>.
          </p>
        </Alert>
      ) : null}
      {!link && !error ? <PageLoading /> : null}
      {link ? (
        <Card>
          <h1 className="text-xl font-bold text-gray-900 dark:text-gray-50">
            {link.kind === 'invite' ? 'Welcome to mmsgate' : 'Set a new password'}
          </h1>
          <p className="mt-1 mb-4 text-sm text-gray-700 dark:text-gray-300">
            {link.kind === 'invite'
              ? `You were invited as ${link.role}. Pick a password to create your account.`
              : 'Pick a new password; your earlier sessions end.'}
          </p>
          <AcceptLinkForm token={token} link={link} signedInPath={defaultSignedInPath} onSignedIn={(path) => navigate(path, { replace: true })} />
        </Card>
      ) : null}
    </AppShell>
  );
}
