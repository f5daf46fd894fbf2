// /settings/keys: API keys (admins).
import { ApiKeysView } from '@/features/api-keys/components/api-keys-view';
import { useDocumentTitle } from '@/hooks/use-document-title';

export default function ApiKeysRoute() {
  useDocumentTitle('API keys');
  return <ApiKeysView />;
}
