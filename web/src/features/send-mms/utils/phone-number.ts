// Recipient numbers: formatting while typing and validation with libphonenumber-js. Plivo offers
// MMS to US and Canadian numbers only, so anything else is refused before sending.
// The library (about 36 kB gzipped, a quarter of the send page) is loaded right after the page
// shows (loadPhoneLibrary); until it is there, numbers are neither formatted nor accepted.
type PhoneLibrary = typeof import('libphonenumber-js');

let library: PhoneLibrary | undefined;
let loading: Promise<void> | undefined;

export function loadPhoneLibrary(): Promise<void> {
  loading ??= import('libphonenumber-js').then(
    (loaded) => {
      library = loaded;
    },
    (cause: unknown) => {
      // A failed chunk load (network) is tried again by the next caller.
      loading = undefined;
      throw cause;
    },
  );
  return loading;
}

export function isPhoneLibraryLoaded(): boolean {
  return library !== undefined;
}

const defaultCountry = 'US';
const mmsCountries = new Set(['US', 'CA']);

export type RecipientCheck =
  | { valid: true; e164: string; formatted: string }
  | { valid: false; error: string };

export function checkRecipient(input: string): RecipientCheck {
  const trimmed = input.trim();
  if (trimmed === '') return { valid: false, error: 'Enter a phone number.' };
  if (/[a-z]/i.test(trimmed)) return { valid: false, error: 'A phone number can only contain digits, spaces, ( ) - and a leading +.' };
  if (!library) return { valid: false, error: 'Checking the number…' };
  const number = library.parsePhoneNumberFromString(trimmed, defaultCountry);
  if (!number || !number.isValid()) {
    return { valid: false, error: 'Enter a valid US or Canadian phone number, like (415) 555-0100.' };
  }
  if (!number.country || !mmsCountries.has(number.country)) {
    return { valid: false, error: 'MMS can only be sent to US and Canadian numbers.' };
  }
  return { valid: true, e164: number.number, formatted: number.formatInternational() };
}

// Formats what the user typed so far ("4155" -> "(415) 5"). Only called while the caret is at the
// end: reformatting text in the middle would move the caret and fight the user's edits.
export function formatAsYouType(input: string): string {
  if (input.trim() === '') return input;
  // A leading 1 is read as the country code, so "123" would become "1 23": wait until the digits
  // can be a whole number with its country code before formatting such input.
  const digits = input.replace(/\D/g, '');
  if (/^\s*1/.test(input) && digits.length < 11) return input;
  if (!library) return input;
  return new library.AsYouType(defaultCountry).input(input);
}

// Decides the displayed value after an edit: format when the user typed at the end, keep the raw
// text when they deleted (so a ")" can be removed) or edited in the middle.
export function nextRecipientValue(previous: string, raw: string, caretAtEnd: boolean): string {
  if (!caretAtEnd || raw.length < previous.length) return raw;
  return formatAsYouType(raw);
}
