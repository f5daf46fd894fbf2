// What this user sent in the last minutes, to ask before the same content goes to the same
// recipients again (a second click after a send, a refilled form). Kept in localStorage so a reload
// does not forget it; only a fingerprint of the content is stored, never the text itself.
import type { SendMmsInput } from '@/features/send-mms/api/send-mms';
import { readStored, userStorageKey, writeStored } from '@/lib/local-store';

export const repeatWindowMs = 5 * 60 * 1000;

type RecentSend = { fingerprint: string; at: number };

const recentKey = (owner: string) => userStorageKey('recent-sends', owner);

// FNV-1a over the canonical content: recipients in any order, the same text and media.
export function sendFingerprint(input: SendMmsInput): string {
  const uploads = input.uploadIds && input.uploadIds.length > 0 ? [input.uploadIds] : [];
  const canonical = JSON.stringify([[...input.to].sort(), input.text, input.mediaUrls, ...uploads]);
  let hash = 0x811c9dc5;
  for (let index = 0; index < canonical.length; index += 1) {
    hash ^= canonical.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return `${hash.toString(16)}-${canonical.length}`;
}

function recentSends(owner: string, now: number): RecentSend[] {
  const stored = readStored(recentKey(owner));
  if (!Array.isArray(stored)) return [];
  return stored.filter(
    (item): item is RecentSend =>
      item && typeof item.fingerprint === 'string' && typeof item.at === 'number' && now - item.at < repeatWindowMs && item.at <= now,
  );
}

// When the same content last went to the same recipients within the window, else undefined.
export function lastIdenticalSend(owner: string, input: SendMmsInput, now = Date.now()): number | undefined {
  const fingerprint = sendFingerprint(input);
  const matches = recentSends(owner, now).filter((item) => item.fingerprint === fingerprint);
  return matches.length > 0 ? Math.max(...matches.map((item) => item.at)) : undefined;
}

export function rememberSend(owner: string, input: SendMmsInput, now = Date.now()): void {
  const kept = recentSends(owner, now).slice(-19);
  writeStored(recentKey(owner), [...kept, { fingerprint: sendFingerprint(input), at: now }]);
}
