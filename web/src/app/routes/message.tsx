// /messages/:id: one message and its delivery timeline.
import { useParams } from 'react-router';
import { MessageView } from '@/features/history/components/message-view';
import { useDocumentTitle } from '@/hooks/use-document-title';

export default function MessageRoute() {
  useDocumentTitle('Message');
  const { id = '' } = useParams();
  return <MessageView key={id} id={id} />;
}
