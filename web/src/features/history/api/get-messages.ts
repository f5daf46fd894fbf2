// GET /api/messages: one page of the signed-in user's messages, newest first, with a cursor for
// the next page. Also builds the CSV export link for the same filters.
import type { Message, MessageFilters } from '@/features/history/types';
import { filtersToApiQuery } from '@/features/history/utils/filters';
import { parseMessage } from '@/features/history/utils/parse-message';
import { apiRequest, apiUrl } from '@/lib/api-client';

export const pageSize = 50;

export type MessagePage = { messages: Message[]; nextCursor: string | null };

// `extra`: further query parameters, e.g. requestId for the messages of one send.
export async function getMessages(
  filters: MessageFilters,
  cursor: string | null,
  signal?: AbortSignal,
  extra: Record<string, string> = {},
): Promise<MessagePage> {
  const query = filtersToApiQuery(filters, { limit: String(pageSize), ...(cursor ? { cursor } : {}), ...extra });
  const response = await apiRequest<{ messages?: unknown; nextCursor?: unknown }>(`/api/messages?${query}`, { signal });
  const body = response.data ?? {};
  return {
    messages: Array.isArray(body.messages) ? body.messages.map(parseMessage) : [],
    nextCursor: typeof body.nextCursor === 'string' && body.nextCursor !== '' ? body.nextCursor : null,
  };
}

export function exportCsvHref(filters: MessageFilters): string {
  const query = filtersToApiQuery(filters).toString();
  return apiUrl(`/api/messages/export.csv${query ? `?${query}` : ''}`);
}
