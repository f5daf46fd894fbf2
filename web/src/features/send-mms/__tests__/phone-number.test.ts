import { beforeAll, describe, expect, it } from 'vitest';
import { checkRecipient, formatAsYouType, loadPhoneLibrary, nextRecipientValue } from '@/features/send-mms/utils/phone-number';

// The page loads the library just after it shows; these tests check what it does once there.
beforeAll(() => loadPhoneLibrary());

describe('checkRecipient', () => {
  it.each([
    ['+1 415 555 0100', '+14155550100'],
    ['(415) 555-0100', '+14155550100'],
    ['415.555.0100', '+14155550100'],
    ['1 415 555 0100', '+14155550100'],
    ['+1 604 555 0199', '+16045550199'], // Vancouver, Canada
    ['  +14155550100  ', '+14155550100'],
  ])('accepts %s as %s', (input, e164) => {
    const result = checkRecipient(input);
    expect(result).toMatchObject({ valid: true, e164 });
  });

  it('names the Canadian number as international format too', () => {
    expect(checkRecipient('604 555 0199')).toMatchObject({ valid: true, formatted: '+1 604 555 0199' });
  });

  it('asks for a number when empty', () => {
    expect(checkRecipient('   ')).toEqual({ valid: false, error: 'Enter a phone number.' });
  });

  it.each(['415 555', '12345', '+1 415 555 01000', '(099) 555-0100'])('rejects the incomplete or impossible %s', (input) => {
    expect(checkRecipient(input)).toMatchObject({ valid: false, error: expect.stringContaining('valid US or Canadian') });
  });

  it.each(['+44 20 7946 0958', '+49 30 901820', '+1 876 555 0100'])('refuses %s outside the US and Canada', (input) => {
    expect(checkRecipient(input)).toEqual({ valid: false, error: 'MMS can only be sent to US and Canadian numbers.' });
  });

  it('refuses letters', () => {
    expect(checkRecipient('415-CALL-NOW')).toMatchObject({ valid: false });
  });
});

describe('formatting while typing', () => {
  it('formats a US number progressively', () => {
    expect(formatAsYouType('41')).toBe('41');
    expect(formatAsYouType('415')).toBe('(415)');
    expect(formatAsYouType('4155')).toBe('(415) 5');
    expect(formatAsYouType('4155550')).toBe('(415) 555-0');
    expect(formatAsYouType('4155550100')).toBe('(415) 555-0100');
    expect(formatAsYouType('+14155550100')).toBe('+1 415 555 0100');
  });

  it('does not read a leading 1 as a country code before the number is complete', () => {
    expect(formatAsYouType('123')).toBe('123');
    expect(formatAsYouType('1415555')).toBe('1415555');
    expect(formatAsYouType('14155550100')).toBe('1 (415) 555-0100');
  });

  it('keeps deletions as typed so a formatting character can be removed', () => {
    expect(nextRecipientValue('(415) 555-0100', '(415) 555-010', true)).toBe('(415) 555-010');
  });

  it('keeps edits in the middle as typed so the caret does not jump', () => {
    expect(nextRecipientValue('(415) 555-0100', '(4153) 555-0100', false)).toBe('(4153) 555-0100');
  });

  it('formats when typing at the end', () => {
    expect(nextRecipientValue('415555010', '4155550100', true)).toBe('(415) 555-0100');
  });
});
