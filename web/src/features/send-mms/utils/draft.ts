// The unsent form (recipients, text, media URLs) kept per user in localStorage, so a reload, a trip
// to another page or an expired session (sign in again, come back) does not lose it. It is
// discarded when the message is sent or the form is cleared. Pictures already uploaded are kept
// too (the server holds them; the draft holds what the list shows about them).
import type { UploadedMedia } from '@/features/media-upload/types';
import { parseStoredUploads } from '@/features/media-upload/utils/stored-uploads';
import { readStored, userStorageKey, writeStored } from '@/lib/local-store';

export type Draft = { recipients: string[]; text: string; mediaUrls: string[]; uploads?: UploadedMedia[] };

const draftKey = (owner: string) => userStorageKey('send-draft', owner);

const strings = (value: unknown): string[] => (Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : []);

export function isEmptyDraft(draft: Draft): boolean {
  return (
    draft.text.trim() === '' &&
    draft.recipients.every((value) => value.trim() === '') &&
    draft.mediaUrls.every((value) => value.trim() === '') &&
    (draft.uploads?.length ?? 0) === 0
  );
}

export function loadDraft(owner: string): Draft | undefined {
  const stored = readStored(draftKey(owner));
  if (!stored || typeof stored !== 'object') return undefined;
  const value = stored as Record<string, unknown>;
  const draft: Draft = { recipients: strings(value.recipients), text: typeof value.text === 'string' ? value.text : '', mediaUrls: strings(value.mediaUrls) };
  const uploads = parseStoredUploads(value.uploads);
  if (uploads.length > 0) draft.uploads = uploads;
  return isEmptyDraft(draft) ? undefined : draft;
}

export function saveDraft(owner: string, draft: Draft): void {
  writeStored(draftKey(owner), isEmptyDraft(draft) ? undefined : draft);
}

export function discardDraft(owner: string): void {
  writeStored(draftKey(owner), undefined);
}
