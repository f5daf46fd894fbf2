// /settings/webhooks: outgoing-webhook endpoints (admins).
import { WebhooksView } from '@/features/webhooks/components/webhooks-view';
import { useDocumentTitle } from '@/hooks/use-document-title';

export default function WebhooksRoute() {
  useDocumentTitle('Webhooks');
  return <WebhooksView />;
}
