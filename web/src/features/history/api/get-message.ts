// GET /api/messages/{id}: one message with its delivery events, oldest first.
import { useAsyncData } from '@/hooks/use-async-data';
import type { Message, DeliveryEvent } from '@/features/history/types';
import { parseMessage, parseDeliveryEvent } from '@/features/history/utils/parse-message';
import { apiRequest } from '@/lib/api-client';

export type MessageDetails = { message: Message; events: DeliveryEvent[] };

export async function getMessage(id: string, signal?: AbortSignal): Promise<MessageDetails> {
  const response = await apiRequest<{ message?: unknown; events?: unknown }>(`/api/messages/${encodeURIComponent(id)}`, { signal });
  const body = response.data ?? {};
  const events = Array.isArray(body.events) ? body.events.map(parseDeliveryEvent) : [];
  events.sort((first, second) => first.occurredAt.localeCompare(second.occurredAt));
  return { message: parseMessage(body.message), events };
}

export function useMessage(id: string) {
  return useAsyncData((signal) => getMessage(id, signal), [id]);
}
