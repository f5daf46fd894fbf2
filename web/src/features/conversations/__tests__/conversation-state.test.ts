import { describe, expect, it } from 'vitest';
import {
  appendConversations,
  applyMediaUpdate,
  applyStateUpdate,
  markReadLocally,
  mergeConversationPage,
  mergeMessages,
  previewText,
  upsertConversation,
} from '@/features/conversations/utils/conversation-state';
import { parseConversation, parseMediaUpdate, parseStreamInbound, parseThreadMessage } from '@/features/conversations/utils/parse-conversation';
import { conversationJson, threadMessageJson } from '@/testing/fixtures';

const conversation = (id: string, at: string, overrides: Record<string, unknown> = {}) =>
  parseConversation(conversationJson(id, { updatedAt: at, lastMessage: { direction: 'in', text: `Hi from ${id}`, at, state: null, hasMedia: false }, ...overrides }));
const message = (id: string, createdAt: string, overrides: Record<string, unknown> = {}) => parseThreadMessage(threadMessageJson(id, { createdAt, ...overrides }));

describe('conversation list', () => {
  const older = conversation('c1', '2026-11-25T18:00:00.000Z');
  const newer = conversation('c2', '2026-11-25T19:00:00.000Z');

  const arrived = { searching: false, arrived: true };
  const changed = { searching: false, arrived: false };

  it('moves a conversation with new activity to the top, counting an arrival as one more unread', () => {
    // The event's count (null on the wire) is nobody's: the list counts itself.
    const moved = conversation('c1', '2026-11-25T20:00:00.000Z', { unreadCount: null });
    const once = upsertConversation([newer, { ...older, unreadCount: 1 }], moved, arrived);
    expect(once.map((item) => [item.id, item.unreadCount])).toEqual([['c1', 2], ['c2', 0]]);
    // A summary change (our reply) keeps the count shown.
    const replied = conversation('c1', '2026-11-25T20:01:00.000Z', { unreadCount: 7 });
    expect(upsertConversation(once, replied, changed)[0]?.unreadCount).toBe(2);
    const fresh = conversation('c3', '2026-11-25T18:30:00.000Z');
    expect(upsertConversation([newer, older], fresh, arrived).map((item) => [item.id, item.unreadCount])).toEqual([['c2', 0], ['c3', 1], ['c1', 0]]);
  });

  it('does not add to a searched list, and ignores a summary older than the one shown', () => {
    const fresh = conversation('c3', '2026-11-25T21:00:00.000Z');
    expect(upsertConversation([newer], fresh, { searching: true, arrived: true })).toEqual([newer]);
    const stale = conversation('c2', '2026-11-25T18:00:00.000Z');
    expect(upsertConversation([newer], stale, arrived)).toEqual([newer]);
  });

  it('appends older pages without duplicates and merges a fresh first page', () => {
    expect(appendConversations([newer], [newer, older]).map((item) => item.id)).toEqual(['c2', 'c1']);
    const updated = conversation('c1', '2026-11-25T20:00:00.000Z');
    expect(mergeConversationPage([newer, older], [updated]).map((item) => item.id)).toEqual(['c1', 'c2']);
  });

  it('clears the unread count of the conversation read', () => {
    const unread = conversation('c1', '2026-11-25T18:00:00.000Z', { unreadCount: 3 });
    expect(markReadLocally([unread, newer], 'c1').map((item) => item.unreadCount)).toEqual([0, 0]);
  });

  it('previews the last message: ours with "You:", a picture without text as "Picture"', () => {
    expect(previewText(older)).toBe('Hi from c1');
    const ours = conversation('c4', '2026-11-25T18:00:00.000Z', { lastMessage: { direction: 'out', text: 'On my\nway', at: '2026-11-25T18:00:00.000Z', hasMedia: false } });
    expect(previewText(ours)).toBe('You: On my way');
    const picture = conversation('c5', '2026-11-25T18:00:00.000Z', { lastMessage: { direction: 'in', text: '', at: '2026-11-25T18:00:00.000Z', hasMedia: true } });
    expect(previewText(picture)).toBe('Picture');
  });
});

describe('thread', () => {
  it('keeps sent and received messages in time order, each once, the newest copy winning', () => {
    const first = message('m1', '2026-11-25T18:00:00.000Z');
    const second = message('m2', '2026-11-25T18:01:00.000Z', { direction: 'out', state: 'queued' });
    const secondDelivered = { ...second, state: 'delivered' as const };
    const third = message('m3', '2026-11-25T18:02:00.000Z');
    expect(mergeMessages([first, second], [third, secondDelivered]).map((item) => [item.id, item.state])).toEqual([
      ['m1', null],
      ['m2', 'delivered'],
      ['m3', null],
    ]);
    expect(mergeMessages([third], [first]).map((item) => item.id)).toEqual(['m1', 'm3']);
  });

  it('applies a state change to a sent message only', () => {
    const sent = message('m2', '2026-11-25T18:01:00.000Z', { direction: 'out', state: 'queued' });
    const received = message('m1', '2026-11-25T18:00:00.000Z');
    const [updated] = applyStateUpdate([sent], { id: 'm2', state: 'undelivered', errorCode: 30, error: 'Spam detected' });
    expect(updated).toMatchObject({ state: 'undelivered', errorCode: 30, errorMeaning: 'Spam detected' });
    expect(applyStateUpdate([received], { id: 'm1', state: 'delivered' })).toEqual([received]);
  });

  it('shows a received picture once it is copied, from the media event', () => {
    const received = message('in1', '2026-11-25T18:00:00.000Z', { media: [{ id: null, contentType: null, url: null, state: 'pending' }] });
    expect(received.media).toEqual([{ id: '', contentType: '', url: '', state: 'pending' }]);
    const update = parseMediaUpdate({ conversationId: 'c1', messageId: 'in1', position: 0, state: 'stored', id: 'med1', contentType: 'image/png', url: '/api/media/med1' });
    const [copied] = applyMediaUpdate([received], update!);
    expect(copied?.media).toEqual([{ id: 'med1', contentType: 'image/png', url: '/api/media/med1', state: 'stored' }]);
    expect(parseMediaUpdate({ messageId: 'in1' })).toBeNull();
  });

  it('reads an inbound stream event; media URLs always point at mmsgate’s copies', () => {
    const event = parseStreamInbound({
      conversation: conversationJson('c1'),
      message: threadMessageJson('in1', { media: [{ id: 'med 1', contentType: 'image/png', url: 'https://evil.example/x', state: 'stored' }] }),
    });
    expect(event?.conversation.id).toBe('c1');
    expect(event?.message.media[0]?.url).toBe('/api/media/med%201');
    expect(parseStreamInbound({ message: threadMessageJson('in1') })).toBeNull();
  });
});
