// The message records GET /api/messages and GET /api/messages/{id} return.
import type { SentMedia } from '@/features/media-upload/types';

export const messageStates = ['scheduled', 'accepted', 'queued', 'sent', 'delivered', 'undelivered', 'failed', 'unknown', 'cancelled', 'suppressed'] as const;
export type MessageState = (typeof messageStates)[number];

export type Message = {
  id: string;
  to: string;
  from: string;
  text: string;
  mediaUrls: string[];
  // Pictures uploaded to mmsgate and sent with it: its own copies.
  media: SentMedia[];
  state: MessageState;
  plivoUuid: string | null;
  errorCode: string | number | null;
  error: string | null;
  createdAt: string;
  updatedAt: string;
  // Quiet hours: when a held message goes (or went); null for every other message.
  scheduledFor: string | null;
  requestId: string;
  units: number | null;
  totalAmount: string | null;
  // The conversation (our number, their number) it belongs to, when the server names it.
  conversationId: string | null;
};

export type DeliveryEvent = {
  state: MessageState;
  errorCode: string | number | null;
  errorMeaning: string | null;
  source: string;
  units: number | null;
  totalAmount: string | null;
  occurredAt: string;
};

export type MessageFilters = {
  state: string;
  // Part of a number ("0112") or of the text, searched by the server.
  q: string;
  // An exact number (E.164 after normalising); kept for links made before the search existed.
  recipient: string;
  // Calendar days as <input type="date"> gives them (YYYY-MM-DD), in the browser's time zone.
  from: string;
  to: string;
};

export const emptyFilters: MessageFilters = { state: '', q: '', recipient: '', from: '', to: '' };
