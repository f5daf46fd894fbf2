// /settings/users (admins).
import { UsersView } from '@/features/team/components/users-view';
import { useDocumentTitle } from '@/hooks/use-document-title';

export default function UsersRoute() {
  useDocumentTitle('Users');
  return <UsersView />;
}
