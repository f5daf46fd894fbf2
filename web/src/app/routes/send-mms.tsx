// /send-mms (lazy: libphonenumber-js stays out of the login page's code).
import { useSession } from 'next-auth/react';
import { Link } from 'react-router';
import { Alert } from '@/components/ui/alert/alert';
import { paths } from '@/config/paths';
import { SendMmsForm } from '@/features/send-mms/components/send-mms-form';
import { useDocumentTitle } from '@/hooks/use-document-title';
import { canSend, roleOf } from '@/lib/role';

export default function SendMmsRoute() {
  useDocumentTitle('Send MMS');
  // The protected layout renders this page only with a session; drafts are kept per user.
  const session = useSession();
  const owner = session.data?.user?.email ?? '';
  if (!canSend(roleOf(session.data?.user)))
    return (
      <Alert tone="info" className="mx-auto max-w-2xl">
        Your role (viewer) can read but not send. See the <Link className="underline" to={paths.conversations.getHref()}>conversations</Link> and
        the <Link className="underline" to={paths.messages.getHref()}>history</Link>.
      </Alert>
    );
  return (
    <div className="mx-auto max-w-2xl">
      <SendMmsForm key={owner} owner={owner} />
    </div>
  );
}
