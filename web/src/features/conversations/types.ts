// The records of the conversations API (GET /api/conversations, GET /api/conversations/{id}) and
// of the stream's `inbound` and `conversation` events.
import type { MessageState } from '@/features/history/types';
import type { SentMedia } from '@/features/media-upload/types';

export type Direction = 'in' | 'out';

export type LastMessage = { direction: Direction; text: string; at: string; state: MessageState | null; hasMedia: boolean };

export type Conversation = {
  id: string;
  ourNumber: string;
  theirNumber: string;
  lastMessage: LastMessage | null;
  unreadCount: number;
  updatedAt: string;
};

export type MediaState = 'pending' | 'stored' | 'refused' | 'failed';

// `id` and `url` are empty until mmsgate holds its copy (state `stored`).
export type ThreadMedia = { id: string; contentType: string; url: string; state: MediaState };

export type ThreadMessage = {
  id: string;
  direction: Direction;
  type: 'sms' | 'mms';
  text: string;
  from: string;
  to: string;
  // Received media: mmsgate's copies.
  media: ThreadMedia[];
  // Sent media: the public URLs Plivo fetched, and pictures uploaded to mmsgate (its copies).
  mediaUrls: string[];
  sentMedia: SentMedia[];
  // Outbound only.
  state: MessageState | null;
  errorCode: string | number | null;
  errorMeaning: string | null;
  automatic: boolean;
  flag: string | null;
  createdAt: string;
};

export type ConversationPage = { conversations: Conversation[]; nextCursor: string | null; unreadTotal: number };

export type Thread = { conversation: Conversation; messages: ThreadMessage[]; nextCursor: string | null };
