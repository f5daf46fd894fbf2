// /messages: the signed-in user's message history.
import { MessagesView } from '@/features/history/components/messages-view';
import { useDocumentTitle } from '@/hooks/use-document-title';

export default function MessagesRoute() {
  useDocumentTitle('Message history');
  return <MessagesView />;
}
