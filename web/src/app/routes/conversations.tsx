// /conversations and /conversations/:id (lazy: the page's code loads only when it is opened).
import { useMatch, useSearchParams } from 'react-router';
import { useSession } from 'next-auth/react';
import { paths } from '@/config/paths';
import { useServerStatus } from '@/features/auth/api/get-server-status';
import { ConversationsView } from '@/features/conversations/components/conversations-view';
import { useDocumentTitle } from '@/hooks/use-document-title';

export default function ConversationsRoute() {
  useDocumentTitle('Conversations');
  const match = useMatch(paths.conversation.path);
  const [search] = useSearchParams();
  const session = useSession();
  const { status } = useServerStatus();
  // Drafts are kept per user, like the send page's.
  const owner = session.data?.user?.email ?? '';
  return <ConversationsView selectedId={match?.params.id} owner={owner} sandbox={status?.sandbox === true} initialSearch={search.get('q') ?? ''} />;
}
