// Reads conversation JSON defensively, like the history's parse-message: an odd field shows as
// empty instead of breaking the page.
import type { Conversation, ConversationPage, LastMessage, MediaState, Thread, ThreadMedia, ThreadMessage } from '@/features/conversations/types';
import { parseState } from '@/features/history/utils/parse-message';
import { apiUrl } from '@/lib/api-client';
import { parseSentMedia } from '@/features/media-upload/utils/parse-media';

type Json = Record<string, unknown>;

const asJson = (value: unknown): Json => (value && typeof value === 'object' ? (value as Json) : {});
const asString = (value: unknown): string => (typeof value === 'string' ? value : value == null ? '' : String(value));
const asCount = (value: unknown): number => (typeof value === 'number' && Number.isFinite(value) && value > 0 ? Math.floor(value) : 0);
const asCursor = (value: unknown): string | null => (typeof value === 'string' && value !== '' ? value : null);
const mediaStates: readonly string[] = ['pending', 'stored', 'refused', 'failed'];

function parseLastMessage(value: unknown): LastMessage | null {
  if (!value || typeof value !== 'object') return null;
  const json = value as Json;
  return {
    direction: json.direction === 'out' ? 'out' : 'in',
    text: asString(json.text),
    at: asString(json.at),
    state: json.state == null ? null : parseState(json.state),
    hasMedia: json.hasMedia === true,
  };
}

export function parseConversation(value: unknown): Conversation {
  const json = asJson(value);
  return {
    id: asString(json.id),
    ourNumber: asString(json.ourNumber),
    theirNumber: asString(json.theirNumber),
    lastMessage: parseLastMessage(json.lastMessage),
    unreadCount: asCount(json.unreadCount),
    updatedAt: asString(json.updatedAt),
  };
}

export function parseMedia(value: unknown): ThreadMedia {
  const json = asJson(value);
  const id = asString(json.id);
  const state = asString(json.state);
  const known = (mediaStates.includes(state) ? state : 'pending') as MediaState;
  const stored = known === 'stored' && id !== '';
  return {
    id: stored ? id : '',
    contentType: stored ? asString(json.contentType) : '',
    // Only mmsgate's own copies are shown: never a URL the sender chose.
    url: stored ? apiUrl(`/api/media/${encodeURIComponent(id)}`) : '',
    state: stored || known !== 'stored' ? known : 'pending',
  };
}

export function parseThreadMessage(value: unknown): ThreadMessage {
  const json = asJson(value);
  const direction = json.direction === 'out' ? 'out' : 'in';
  const code = json.errorCode;
  return {
    id: asString(json.id),
    direction,
    type: json.type === 'mms' ? 'mms' : 'sms',
    text: asString(json.text),
    from: asString(json.from),
    to: asString(json.to),
    media: direction === 'in' && Array.isArray(json.media) ? json.media.map(parseMedia) : [],
    mediaUrls: direction === 'out' && Array.isArray(json.mediaUrls) ? json.mediaUrls.map(asString).filter((url) => /^https?:\/\//i.test(url)) : [],
    sentMedia: direction === 'out' ? parseSentMedia(json.media) : [],
    state: direction === 'out' && json.state != null ? parseState(json.state) : null,
    errorCode: typeof code === 'number' || (typeof code === 'string' && code !== '') ? code : null,
    errorMeaning: json.errorMeaning == null || json.errorMeaning === '' ? null : asString(json.errorMeaning),
    automatic: json.automatic === true,
    flag: json.flag == null || json.flag === '' ? null : asString(json.flag),
    createdAt: asString(json.createdAt),
  };
}

export function parseConversationPage(value: unknown): ConversationPage {
  const json = asJson(value);
  return {
    conversations: Array.isArray(json.conversations) ? json.conversations.map(parseConversation) : [],
    nextCursor: asCursor(json.nextCursor),
    unreadTotal: asCount(json.unreadTotal),
  };
}

export function parseThread(value: unknown): Thread {
  const json = asJson(value);
  return {
    conversation: parseConversation(json.conversation),
    messages: Array.isArray(json.messages) ? json.messages.map(parseThreadMessage) : [],
    nextCursor: asCursor(json.nextCursor),
  };
}

// The stream's `inbound` event is {conversation, message}; `conversation` is {conversation, readBy?}
// (or a bare summary). Unread counts are per user, so the event's count is not this user's: the
// list keeps or counts its own. Null when the data names no conversation.
export function parseStreamConversation(value: unknown): Conversation | null {
  const json = asJson(value);
  const inner = json.conversation && typeof json.conversation === 'object' ? json.conversation : json;
  const conversation = parseConversation(inner);
  return conversation.id === '' ? null : conversation;
}

export function parseStreamInbound(value: unknown): { conversation: Conversation; message: ThreadMessage } | null {
  const json = asJson(value);
  const conversation = parseStreamConversation(json);
  if (!conversation || !json.message) return null;
  const message = parseThreadMessage({ direction: 'in', ...asJson(json.message) });
  return message.id === '' ? null : { conversation, message };
}

// Whether a `conversation` event says someone marked it read (then each user's counts may differ).
export function isReadEvent(value: unknown): boolean {
  return asJson(value).readBy != null;
}

// The stream's `media` event: one received file of a message, copied or given up.
export type MediaUpdate = { conversationId: string; messageId: string; position: number; media: ThreadMedia };

export function parseMediaUpdate(value: unknown): MediaUpdate | null {
  const json = asJson(value);
  const position = typeof json.position === 'number' && Number.isInteger(json.position) && json.position >= 0 ? json.position : -1;
  if (typeof json.messageId !== 'string' || position < 0) return null;
  return { conversationId: asString(json.conversationId), messageId: json.messageId, position, media: parseMedia(json) };
}
