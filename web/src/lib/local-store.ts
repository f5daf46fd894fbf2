// JSON values in localStorage under mmsgate's own prefix, scoped to one signed-in user. Storage may
// be missing, full or disabled (private windows): every access degrades to "nothing stored".

const prefix = 'mmsgate';

export function userStorageKey(kind: string, owner: string): string {
  return `${prefix}:${kind}:${owner.trim().toLowerCase() || 'anonymous'}`;
}

export function readStored(key: string): unknown {
  try {
    const text = window.localStorage.getItem(key);
    return text === null ? undefined : (JSON.parse(text) as unknown);
  } catch {
    return undefined;
  }
}

export function writeStored(key: string, value: unknown): void {
  try {
    if (value === undefined) window.localStorage.removeItem(key);
    else window.localStorage.setItem(key, JSON.stringify(value));
  } catch {
    // Storage full or disabled: the draft lives only as long as the page, as before.
  }
}
