// Pure updates of the conversation list and of one thread, from pages the API returns and events
// the live stream carries. Kept apart from React so each rule is tested on its own.
import type { Conversation, ThreadMedia, ThreadMessage } from '@/features/conversations/types';
import { parseState } from '@/features/history/utils/parse-message';

const timeOf = (iso: string): number => {
  const time = Date.parse(iso);
  return Number.isNaN(time) ? 0 : time;
};

export function activityTime(conversation: Conversation): number {
  return Math.max(timeOf(conversation.lastMessage?.at ?? ''), timeOf(conversation.updatedAt));
}

// Newest activity first, the order the API uses.
export function sortConversations(conversations: Conversation[]): Conversation[] {
  return [...conversations].sort((first, second) => activityTime(second) - activityTime(first));
}

// A changed or new conversation from the stream. The event's unread count is nobody's in
// particular: `arrived` (an incoming message) counts one more than shown, otherwise the shown
// count stays. A searched list only updates the ones it shows (it cannot tell whether a new one
// matches); a summary older than the one shown is ignored.
export function upsertConversation(list: Conversation[], conversation: Conversation, options: { searching: boolean; arrived: boolean }): Conversation[] {
  const index = list.findIndex((item) => item.id === conversation.id);
  const shown = index >= 0 ? list[index]! : undefined;
  if (!shown && options.searching) return list;
  if (shown && activityTime(conversation) < activityTime(shown)) return list;
  const unreadCount = (shown?.unreadCount ?? 0) + (options.arrived ? 1 : 0);
  const next = { ...conversation, unreadCount };
  return sortConversations(shown ? list.map((item, position) => (position === index ? next : item)) : [next, ...list]);
}

// Older conversations from "Load more", without the ones already listed.
export function appendConversations(list: Conversation[], page: Conversation[]): Conversation[] {
  const seen = new Set(list.map((item) => item.id));
  return [...list, ...page.filter((item) => !seen.has(item.id))];
}

// A fresh first page (the stream reopened): its versions replace the shown ones, the rest stays.
export function mergeConversationPage(list: Conversation[], page: Conversation[]): Conversation[] {
  const fresh = new Set(page.map((item) => item.id));
  return sortConversations([...page, ...list.filter((item) => !fresh.has(item.id))]);
}

export function markReadLocally(list: Conversation[], id: string): Conversation[] {
  return list.map((item) => (item.id === id && item.unreadCount > 0 ? { ...item, unreadCount: 0 } : item));
}

function messageOrder(first: ThreadMessage, second: ThreadMessage): number {
  return timeOf(first.createdAt) - timeOf(second.createdAt) || first.id.localeCompare(second.id);
}

// Sent and received messages in time order, each once; a message seen again replaces the old copy
// (its state or media may have moved on).
export function mergeMessages(shown: ThreadMessage[], incoming: ThreadMessage[]): ThreadMessage[] {
  const byId = new Map(shown.map((message) => [message.id, message]));
  for (const message of incoming) byId.set(message.id, message);
  return [...byId.values()].sort(messageOrder);
}

// A `message` event of the history stream names a sent message and its new state.
export function applyStateUpdate(messages: ThreadMessage[], update: Record<string, unknown> & { id: string }): ThreadMessage[] {
  const index = messages.findIndex((message) => message.id === update.id && message.direction === 'out');
  if (index < 0 || !('state' in update)) return messages;
  return messages.map((message, position) => {
    if (position !== index) return message;
    const next: ThreadMessage = { ...message, state: parseState(update.state) };
    if ('errorCode' in update) next.errorCode = typeof update.errorCode === 'number' || typeof update.errorCode === 'string' ? update.errorCode : null;
    if (typeof update.error === 'string' && update.error !== '') next.errorMeaning = update.error;
    return next;
  });
}

// A received file was copied (or given up on): the message's media at that position changes.
export function applyMediaUpdate(messages: ThreadMessage[], update: { messageId: string; position: number; media: ThreadMedia }): ThreadMessage[] {
  return messages.map((message) => {
    if (message.id !== update.messageId || message.direction !== 'in') return message;
    const media = [...message.media];
    while (media.length <= update.position) media.push({ id: '', contentType: '', url: '', state: 'pending' });
    media[update.position] = update.media;
    return { ...message, media };
  });
}

// What the list shows as the last message: "You: …" for ours, "Picture" for media without text.
export function previewText(conversation: Conversation): string {
  const last = conversation.lastMessage;
  if (!last) return 'No messages yet';
  const body = last.text.replace(/\s+/g, ' ').trim() || (last.hasMedia ? 'Picture' : '(no text)');
  return last.direction === 'out' ? `You: ${body}` : body;
}
