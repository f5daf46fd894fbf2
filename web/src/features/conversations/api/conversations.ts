// The conversations API: the list (newest activity first, searchable, with the signed-in user's
// unread total), one thread (cursor paged to older messages), marking a thread read, and the
// sandbox's simulated reply.
import type { ConversationPage, Thread } from '@/features/conversations/types';
import { parseConversationPage, parseThread } from '@/features/conversations/utils/parse-conversation';
import { apiRequest } from '@/lib/api-client';

export const conversationPageSize = 30;
export const threadPageSize = 50;

export async function getConversations(query: { q?: string; cursor?: string | null; limit?: number }, signal?: AbortSignal): Promise<ConversationPage> {
  const search = new URLSearchParams();
  if (query.q && query.q.trim() !== '') search.set('q', query.q.trim());
  if (query.cursor) search.set('cursor', query.cursor);
  search.set('limit', String(query.limit ?? conversationPageSize));
  const response = await apiRequest<unknown>(`/api/conversations?${search}`, { signal });
  return parseConversationPage(response.data);
}

// `before`: the cursor of the page already shown, for the older messages.
export async function getThread(id: string, before: string | null, signal?: AbortSignal): Promise<Thread> {
  const search = new URLSearchParams({ limit: String(threadPageSize) });
  if (before) search.set('before', before);
  const response = await apiRequest<unknown>(`/api/conversations/${encodeURIComponent(id)}?${search}`, { signal });
  return parseThread(response.data);
}

export type ReadResult = { unreadCount: number; unreadTotal: number | null };

export async function markConversationRead(id: string): Promise<ReadResult> {
  const response = await apiRequest<{ unreadCount?: unknown; unreadTotal?: unknown }>(`/api/conversations/${encodeURIComponent(id)}/read`, {
    method: 'POST',
    json: {},
  });
  const body = response.data ?? {};
  return {
    unreadCount: typeof body.unreadCount === 'number' ? body.unreadCount : 0,
    unreadTotal: typeof body.unreadTotal === 'number' ? body.unreadTotal : null,
  };
}

export type SimulatedReply = { from: string; to: string; text: string; mediaCount: number };

// Sandbox only: the built-in simulator delivers a signed incoming message to mmsgate itself.
export async function simulateReply(reply: SimulatedReply): Promise<void> {
  await apiRequest<unknown>('/api/sandbox/inbound', { method: 'POST', json: reply });
}
