import { describe, expect, it } from 'vitest';
import { discardDraft, loadDraft, saveDraft } from '@/features/send-mms/utils/draft';
import { lastIdenticalSend, rememberSend, repeatWindowMs } from '@/features/send-mms/utils/recent-sends';

const input = { to: ['+14155550100', '+16045550199'], text: 'Hello', mediaUrls: ['https://media.example.com/a.png'] };

describe('recent sends', () => {
  it('finds the same content to the same recipients, in any order, within the window only', () => {
    const sentAt = 1_000_000;
    rememberSend('ann@example.com', input, sentAt);
    const reordered = { ...input, to: [...input.to].reverse() };
    expect(lastIdenticalSend('ann@example.com', reordered, sentAt + 1000)).toBe(sentAt);
    expect(lastIdenticalSend('ann@example.com', { ...input, text: 'Hello!' }, sentAt + 1000)).toBeUndefined();
    expect(lastIdenticalSend('ann@example.com', { ...input, to: ['+14155550100'] }, sentAt + 1000)).toBeUndefined();
    expect(lastIdenticalSend('bob@example.com', input, sentAt + 1000)).toBeUndefined();
    expect(lastIdenticalSend('ann@example.com', input, sentAt + repeatWindowMs + 1)).toBeUndefined();
  });

  it('keeps a fingerprint, never the text', () => {
    rememberSend('ann@example.com', { ...input, text: 'secret words' });
    expect(JSON.stringify(window.localStorage)).not.toContain('secret words');
  });
});

describe('drafts', () => {
  it('keeps a draft per user, drops an empty one and survives odd stored values', () => {
    saveDraft('ann@example.com', { recipients: ['415 555 0100'], text: 'Hi', mediaUrls: [''] });
    expect(loadDraft('ANN@example.com')).toEqual({ recipients: ['415 555 0100'], text: 'Hi', mediaUrls: [''] });
    expect(loadDraft('bob@example.com')).toBeUndefined();
    saveDraft('ann@example.com', { recipients: [''], text: ' ', mediaUrls: [''] });
    expect(loadDraft('ann@example.com')).toBeUndefined();
    window.localStorage.setItem('mmsgate:send-draft:ann@example.com', '{not json');
    expect(loadDraft('ann@example.com')).toBeUndefined();
    discardDraft('ann@example.com');
    expect(window.localStorage.getItem('mmsgate:send-draft:ann@example.com')).toBeNull();
  });
});
