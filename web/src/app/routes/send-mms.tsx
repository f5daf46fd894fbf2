// /send-mms (lazy: libphonenumber-js stays out of the login page's code).
import { SendMmsForm } from '@/features/send-mms/components/send-mms-form';
import { useDocumentTitle } from '@/hooks/use-document-title';

export default function SendMmsRoute() {
  useDocumentTitle('Send MMS');
  return (
    <div className="mx-auto max-w-2xl">
      <SendMmsForm />
    </div>
  );
}
