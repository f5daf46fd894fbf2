// /send-mms (lazy: libphonenumber-js stays out of the login page's code).
import { useSession } from 'next-auth/react';
import { SendMmsForm } from '@/features/send-mms/components/send-mms-form';
import { useDocumentTitle } from '@/hooks/use-document-title';

export default function SendMmsRoute() {
  useDocumentTitle('Send MMS');
  // The protected layout renders this page only with a session; drafts are kept per user.
  const session = useSession();
  const owner = session.data?.user?.email ?? '';
  return (
    <div className="mx-auto max-w-2xl">
      <SendMmsForm key={owner} owner={owner} />
    </div>
  );
}
