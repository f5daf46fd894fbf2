// The unsent reply of each conversation, per user, in localStorage (like the send page's draft):
// a reload, another conversation or an expired session never loses it. Discarded once sent.
import { readStored, userStorageKey, writeStored } from '@/lib/local-store';

export type ReplyDraft = { text: string; mediaUrls: string[] };

const draftKey = (owner: string, conversationId: string) => userStorageKey(`reply-draft:${conversationId}`, owner);

const isEmpty = (draft: ReplyDraft) => draft.text.trim() === '' && draft.mediaUrls.every((url) => url.trim() === '');

export function loadReplyDraft(owner: string, conversationId: string): ReplyDraft | undefined {
  const stored = readStored(draftKey(owner, conversationId));
  if (!stored || typeof stored !== 'object') return undefined;
  const value = stored as Record<string, unknown>;
  const draft: ReplyDraft = {
    text: typeof value.text === 'string' ? value.text : '',
    mediaUrls: Array.isArray(value.mediaUrls) ? value.mediaUrls.filter((url): url is string => typeof url === 'string') : [],
  };
  return isEmpty(draft) ? undefined : draft;
}

export function saveReplyDraft(owner: string, conversationId: string, draft: ReplyDraft): void {
  writeStored(draftKey(owner, conversationId), isEmpty(draft) ? undefined : draft);
}
