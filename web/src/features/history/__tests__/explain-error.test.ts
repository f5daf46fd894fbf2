import { describe, expect, it } from 'vitest';
import { explainError } from '@/features/history/utils/explain-error';
import { timelineEntries } from '@/features/history/utils/timeline';

describe('explainError', () => {
  it('puts a curl error behind the details, in words', () => {
    expect(explainError('Empty reply from server (curl error 52)')).toEqual({
      summary: 'Plivo closed the connection without answering.',
      detail: 'Empty reply from server (curl error 52)',
    });
    expect(explainError('Timeout was reached (curl error 28)').summary).toBe('Plivo did not answer in time.');
    expect(explainError('Something odd (curl error 99)').summary).toBe('The exchange with Plivo failed.');
  });

  it('keeps a sentence in words and moves an HTTP status to the details', () => {
    expect(explainError('Plivo was unavailable (HTTP 503)')).toEqual({
      summary: 'Plivo was unavailable. Plivo had a problem and did not take the message.',
      detail: 'HTTP 503',
    });
  });

  it('leaves plain words alone', () => {
    expect(explainError('Spam detected: the carrier filtered the message')).toEqual({
      summary: 'Spam detected: the carrier filtered the message',
      detail: undefined,
    });
  });
});

describe('timelineEntries', () => {
  it('makes one entry per state, dated by the first, with every source', () => {
    const event = (state: 'queued' | 'sent', source: string, occurredAt: string) =>
      ({ state, source, occurredAt, errorCode: null, errorMeaning: null, units: null, totalAmount: null }) as const;
    const entries = timelineEntries([
      event('queued', 'dispatcher', '2026-11-25T18:00:01Z'),
      event('queued', 'callback', '2026-11-25T18:00:02Z'),
      event('sent', 'callback', '2026-11-25T18:00:03Z'),
    ]);
    expect(entries.map((entry) => [entry.state, entry.occurredAt, entry.sources])).toEqual([
      ['queued', '2026-11-25T18:00:01Z', ['dispatcher', 'callback']],
      ['sent', '2026-11-25T18:00:03Z', ['callback']],
    ]);
  });
});
