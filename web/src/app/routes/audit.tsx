// /settings/audit (admins).
import { AuditView } from '@/features/team/components/audit-view';
import { useDocumentTitle } from '@/hooks/use-document-title';

export default function AuditRoute() {
  useDocumentTitle('Audit log');
  return <AuditView />;
}
