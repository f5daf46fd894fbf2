import { describe, expect, it } from 'vitest';
import { safeCallbackPath } from '@/lib/callback-url';

const origin = 'https://mms.example.com';

describe('safeCallbackPath', () => {
  it.each([
    ['/messages', '/messages'],
    ['/messages/abc?x=1#top', '/messages/abc?x=1#top'],
    ['https://mms.example.com/send-mms', '/send-mms'],
    ['  /messages  ', '/messages'],
  ])('keeps the same-origin %s', (raw, expected) => {
    expect(safeCallbackPath(raw, origin)).toBe(expected);
  });

  it.each([
    null,
    '',
    'https://evil.example/send-mms',
    '//evil.example/send-mms',
    '/\\evil.example',
    'javascript:alert(1)',
    'http://mms.example.com/send-mms', // other scheme, other origin
    'messages',
    '/api/auth/signout',
    '/login?callbackUrl=/send-mms',
  ])('refuses %j', (raw) => {
    expect(safeCallbackPath(raw, origin)).toBeNull();
  });
});
