import { describe, expect, it } from 'vitest';
import { appendPage, mergeFreshPage, mergeUpdate } from '@/features/history/hooks/use-message-list';
import { messageJson } from '@/testing/fixtures';
import { parseMessage } from '@/features/history/utils/parse-message';

const queued = parseMessage(messageJson('m1', { text: 'Hi', mediaUrls: ['https://example.com/a.png'], plivoUuid: 'uuid-1' }));

describe('mergeUpdate', () => {
  it('changes only the fields the event carries', () => {
    const [updated] = mergeUpdate([queued], { id: 'm1', state: 'delivered', updatedAt: '2026-11-25T18:00:05.000Z', units: 1, totalAmount: '0.01600' }, false);
    expect(updated).toEqual({ ...queued, state: 'delivered', updatedAt: '2026-11-25T18:00:05.000Z', units: 1, totalAmount: '0.01600' });
  });

  it('reads an unknown state as "unknown"', () => {
    expect(mergeUpdate([queued], { id: 'm1', state: 'exploded' }, false)[0]?.state).toBe('unknown');
  });

  it('adds a new complete message on top of an unfiltered list', () => {
    const fresh = { id: 'm2', to: '+16045550199', state: 'accepted', createdAt: '2026-11-25T19:00:00.000Z', updatedAt: '2026-11-25T19:00:00.000Z' };
    expect(mergeUpdate([queued], fresh, false).map((message) => message.id)).toEqual(['m2', 'm1']);
  });

  it('does not add unknown messages to a filtered list or from a partial event', () => {
    const fresh = { id: 'm2', to: '+16045550199', state: 'accepted', createdAt: '2026-11-25T19:00:00.000Z' };
    expect(mergeUpdate([queued], fresh, true)).toEqual([queued]);
    expect(mergeUpdate([queued], { id: 'm3', state: 'sent' }, false)).toEqual([queued]);
  });
});

describe('appendPage', () => {
  it('skips messages already listed', () => {
    const other = { ...queued, id: 'm2' };
    expect(appendPage([queued], [queued, other]).map((message) => message.id)).toEqual(['m1', 'm2']);
  });
});

describe('mergeFreshPage', () => {
  const at = (id: string, state: string, updatedAt: string) => parseMessage(messageJson(id, { state, updatedAt }));

  it('updates shown rows from the page, puts new ones on top and keeps what the stream made newer', () => {
    const shown = [at('m2', 'queued', '2026-11-25T18:00:00.000Z'), at('m1', 'delivered', '2026-11-25T18:00:09.000Z'), at('m0', 'sent', '2026-11-25T17:00:00.000Z')];
    const page = [at('m3', 'accepted', '2026-11-25T18:01:00.000Z'), at('m2', 'sent', '2026-11-25T18:00:05.000Z'), at('m1', 'sent', '2026-11-25T18:00:05.000Z')];
    const merged = mergeFreshPage(shown, page);
    expect(merged.map((message) => [message.id, message.state])).toEqual([['m3', 'accepted'], ['m2', 'sent'], ['m1', 'delivered'], ['m0', 'sent']]);
  });
});
