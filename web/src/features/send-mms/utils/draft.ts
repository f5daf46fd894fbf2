// The unsent form (recipients, text, media URLs) kept per user in localStorage, so a reload, a trip
// to another page or an expired session (sign in again, come back) does not lose it. It is
// discarded when the message is sent or the form is cleared.
import { readStored, userStorageKey, writeStored } from '@/lib/local-store';

export type Draft = { recipients: string[]; text: string; mediaUrls: string[] };

const draftKey = (owner: string) => userStorageKey('send-draft', owner);

const strings = (value: unknown): string[] => (Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : []);

export function isEmptyDraft(draft: Draft): boolean {
  return draft.text.trim() === '' && draft.recipients.every((value) => value.trim() === '') && draft.mediaUrls.every((value) => value.trim() === '');
}

export function loadDraft(owner: string): Draft | undefined {
  const stored = readStored(draftKey(owner));
  if (!stored || typeof stored !== 'object') return undefined;
  const value = stored as Record<string, unknown>;
  const draft = { recipients: strings(value.recipients), text: typeof value.text === 'string' ? value.text : '', mediaUrls: strings(value.mediaUrls) };
  return isEmptyDraft(draft) ? undefined : draft;
}

export function saveDraft(owner: string, draft: Draft): void {
  writeStored(draftKey(owner), isEmptyDraft(draft) ? undefined : draft);
}

export function discardDraft(owner: string): void {
  writeStored(draftKey(owner), undefined);
}
