// The unsent reply of each conversation, per user, in localStorage (like the send page's draft):
// a reload, another conversation or an expired session never loses it. Discarded once sent.
import type { UploadedMedia } from '@/features/media-upload/types';
import { parseStoredUploads } from '@/features/media-upload/utils/stored-uploads';
import { readStored, userStorageKey, writeStored } from '@/lib/local-store';

export type ReplyDraft = { text: string; mediaUrls: string[]; uploads?: UploadedMedia[] };

const draftKey = (owner: string, conversationId: string) => userStorageKey(`reply-draft:${conversationId}`, owner);

const isEmpty = (draft: ReplyDraft) =>
  draft.text.trim() === '' && draft.mediaUrls.every((url) => url.trim() === '') && (draft.uploads?.length ?? 0) === 0;

export function loadReplyDraft(owner: string, conversationId: string): ReplyDraft | undefined {
  const stored = readStored(draftKey(owner, conversationId));
  if (!stored || typeof stored !== 'object') return undefined;
  const value = stored as Record<string, unknown>;
  const draft: ReplyDraft = {
    text: typeof value.text === 'string' ? value.text : '',
    mediaUrls: Array.isArray(value.mediaUrls) ? value.mediaUrls.filter((url): url is string => typeof url === 'string') : [],
  };
  const uploads = parseStoredUploads(value.uploads);
  if (uploads.length > 0) draft.uploads = uploads;
  return isEmpty(draft) ? undefined : draft;
}

export function saveReplyDraft(owner: string, conversationId: string, draft: ReplyDraft): void {
  writeStored(draftKey(owner, conversationId), isEmpty(draft) ? undefined : draft);
}
