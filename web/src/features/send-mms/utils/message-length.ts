// Counting the message body the way a person reads it: one emoji or accented letter is one
// character (Unicode code points), not two UTF-16 units as String.length would say.
import { maxMessageCharacters } from '@/features/send-mms/utils/limits';

export function countCharacters(text: string): number {
  let count = 0;
  for (const _ of text) count += 1;
  return count;
}

export type LengthReport = { count: number; remaining: number; tooLong: boolean };

export function measureMessage(text: string, limit: number = maxMessageCharacters): LengthReport {
  const count = countCharacters(text);
  return { count, remaining: limit - count, tooLong: count > limit };
}
