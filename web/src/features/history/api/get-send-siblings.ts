// GET /api/messages?requestId=…: every message of one send (one per recipient), for the message
// page's other recipients and the whole send's cost.
import { getMessages } from '@/features/history/api/get-messages';
import { emptyFilters, type Message } from '@/features/history/types';
import { useAsyncData } from '@/hooks/use-async-data';

export function useSendSiblings(requestId: string) {
  return useAsyncData<Message[]>(
    async (signal) => (requestId ? (await getMessages(emptyFilters, null, signal, { requestId })).messages : []),
    [requestId],
  );
}
