// How many SMS segments a text costs, as the carrier counts them: GSM-7 when every character is in
// the GSM 03.38 basic table or its extension table (an extension character takes 2 septets: the
// escape and the character), otherwise UCS-2, counted in UTF-16 code units (an emoji is 2).
// A single segment holds 160 septets (GSM-7) or 70 units (UCS-2); a longer text is split into
// parts of 153 or 67 (the rest of each part carries the concatenation header). A character is
// never split across two parts (an escape pair, a surrogate pair), so parts may hold one less.

export type SmsEncoding = 'GSM-7' | 'UCS-2';

export type SmsMeasure = {
  encoding: SmsEncoding;
  // Septets (GSM-7) or UTF-16 code units (UCS-2).
  units: number;
  segments: number;
  // Capacity of one part at this length: 160/153 or 70/67.
  perSegment: number;
};

const gsmBasic =
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?' +
  '¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà';
const gsmExtension = '\f^{}\\[~]|€';

const basicSet = new Set(Array.from(gsmBasic));
const extensionSet = new Set(Array.from(gsmExtension));

const limits = {
  'GSM-7': { single: 160, part: 153 },
  'UCS-2': { single: 70, part: 67 },
} as const;

// The size of each character in the encoding's units, or null when GSM-7 cannot carry the text.
function gsmSizes(text: string): number[] | null {
  const sizes: number[] = [];
  for (const character of text) {
    if (basicSet.has(character)) sizes.push(1);
    else if (extensionSet.has(character)) sizes.push(2);
    else return null;
  }
  return sizes;
}

function ucs2Sizes(text: string): number[] {
  return Array.from(text, (character) => character.length);
}

// Parts needed when no character may straddle two parts.
function countParts(sizes: number[], capacity: number): number {
  let parts = 1;
  let used = 0;
  for (const size of sizes) {
    if (used + size > capacity) {
      parts += 1;
      used = 0;
    }
    used += size;
  }
  return parts;
}

export function measureSms(text: string): SmsMeasure {
  const gsm = gsmSizes(text);
  const encoding: SmsEncoding = gsm ? 'GSM-7' : 'UCS-2';
  const sizes = gsm ?? ucs2Sizes(text);
  const units = sizes.reduce((sum, size) => sum + size, 0);
  const limit = limits[encoding];
  if (units === 0) return { encoding, units, segments: 0, perSegment: limit.single };
  if (units <= limit.single) return { encoding, units, segments: 1, perSegment: limit.single };
  return { encoding, units, segments: countParts(sizes, limit.part), perSegment: limit.part };
}
