// /settings/suppressions: the suppression list (opt-outs).
import { SuppressionsView } from '@/features/suppressions/components/suppressions-view';
import { useDocumentTitle } from '@/hooks/use-document-title';

export default function SuppressionsRoute() {
  useDocumentTitle('Opt-outs');
  return <SuppressionsView />;
}
