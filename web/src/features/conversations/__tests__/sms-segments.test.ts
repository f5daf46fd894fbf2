import { describe, expect, it } from 'vitest';
import { measureSms } from '@/features/conversations/utils/sms-segments';

describe('measureSms', () => {
  it('is empty for no text', () => {
    expect(measureSms('')).toEqual({ encoding: 'GSM-7', units: 0, segments: 0, perSegment: 160 });
  });

  it('fits 160 GSM-7 characters in one segment and splits 161 into two of 153', () => {
    expect(measureSms('a'.repeat(160))).toEqual({ encoding: 'GSM-7', units: 160, segments: 1, perSegment: 160 });
    expect(measureSms('a'.repeat(161))).toEqual({ encoding: 'GSM-7', units: 161, segments: 2, perSegment: 153 });
    expect(measureSms('a'.repeat(306)).segments).toBe(2);
    expect(measureSms('a'.repeat(307)).segments).toBe(3);
  });

  it('counts the basic table (accents, Greek capitals, £) as one septet each', () => {
    const text = 'Ça coûte £5, Ø é ù ΔΦΓΛΩΠΨΣΘΞ ¿¡ @_';
    // û is not GSM-7: check a text without it too.
    expect(measureSms(text).encoding).toBe('UCS-2');
    const gsm = 'Ça £5, Ø é ù ΔΦΓΛΩΠΨΣΘΞ ¿¡ @_\n';
    expect(measureSms(gsm)).toMatchObject({ encoding: 'GSM-7', units: Array.from(gsm).length, segments: 1 });
  });

  it('counts each extension-table character as two septets', () => {
    expect(measureSms('€')).toMatchObject({ encoding: 'GSM-7', units: 2 });
    expect(measureSms('{}[]~^|\\\f')).toMatchObject({ encoding: 'GSM-7', units: 18 });
    // 158 + one € = 160: still one segment; one more character makes two.
    expect(measureSms(`${'a'.repeat(158)}€`)).toMatchObject({ units: 160, segments: 1 });
    expect(measureSms(`${'a'.repeat(159)}€`)).toMatchObject({ units: 161, segments: 2 });
  });

  it('never splits an escape pair across two parts', () => {
    // 152 septets, then € (2) would straddle 153: it moves to the second part.
    const text = `${'a'.repeat(152)}€${'b'.repeat(152)}`;
    expect(measureSms(text)).toMatchObject({ units: 306, segments: 3 });
  });

  it('switches to UCS-2 for any other character, 70 per segment, 67 per part', () => {
    expect(measureSms('Привет')).toEqual({ encoding: 'UCS-2', units: 6, segments: 1, perSegment: 70 });
    expect(measureSms('ж'.repeat(70)).segments).toBe(1);
    expect(measureSms('ж'.repeat(71))).toEqual({ encoding: 'UCS-2', units: 71, segments: 2, perSegment: 67 });
    expect(measureSms('ж'.repeat(134)).segments).toBe(2);
    expect(measureSms('ж'.repeat(135)).segments).toBe(3);
  });

  it('counts UTF-16 code units: an emoji is two, and a pair is never split', () => {
    expect(measureSms('👍')).toMatchObject({ encoding: 'UCS-2', units: 2, segments: 1 });
    expect(measureSms(`${'a'.repeat(68)}👍`)).toMatchObject({ units: 70, segments: 1 });
    expect(measureSms(`${'a'.repeat(69)}👍`)).toMatchObject({ units: 71, segments: 2 });
    // 66 units then an emoji would straddle 67: 134 units need three parts, not two.
    expect(measureSms(`${'a'.repeat(66)}👍${'a'.repeat(66)}`)).toMatchObject({ units: 134, segments: 3 });
  });

  it('treats a GSM-7 look-alike (curly quote, ç lower case) as UCS-2', () => {
    expect(measureSms('it’s').encoding).toBe('UCS-2');
    expect(measureSms('ç').encoding).toBe('UCS-2');
    expect(measureSms('Ç').encoding).toBe('GSM-7');
  });
});
