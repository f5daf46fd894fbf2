import { describe, expect, it } from 'vitest';
import { countCharacters, measureMessage } from '@/features/send-mms/utils/message-length';

describe('message length', () => {
  it('counts plain text', () => {
    expect(countCharacters('')).toBe(0);
    expect(countCharacters('Hello')).toBe(5);
  });

  it('counts an emoji or a non-Latin letter as one character', () => {
    expect('😀'.length).toBe(2);
    expect(countCharacters('😀')).toBe(1);
    expect(countCharacters('Grüße 👋🏽')).toBe(8); // the skin-tone modifier is its own code point
  });

  it('reports the remaining characters against 1,600', () => {
    expect(measureMessage('a'.repeat(1600))).toEqual({ count: 1600, remaining: 0, tooLong: false });
    expect(measureMessage('a'.repeat(1601))).toEqual({ count: 1601, remaining: -1, tooLong: true });
    expect(measureMessage('😀'.repeat(1600)).tooLong).toBe(false);
  });
});
