// Whether a typed number is on the suppression list, asked once typing pauses (debounced), so the
// send page and the composer can warn before anything is sent.
import { useEffect, useState } from 'react';
import { checkSuppression, type SuppressionCheck } from '@/features/suppressions/api/suppressions';

export const suppressionCheckDelayMs = 400;

// Digits enough to be a phone number; anything shorter is not asked about.
function looksLikeNumber(text: string): boolean {
  return (text.match(/\d/g) ?? []).length >= 10;
}

export function useSuppressionCheck(number: string): SuppressionCheck | null {
  const [result, setResult] = useState<SuppressionCheck | null>(null);
  useEffect(() => {
    setResult(null);
    const typed = number.trim();
    if (!looksLikeNumber(typed)) return undefined;
    const controller = new AbortController();
    const timer = window.setTimeout(() => {
      checkSuppression(typed, controller.signal)
        .then((answer) => setResult(answer.suppressed ? answer : null))
        .catch(() => setResult(null)); // a failed check never blocks typing; the send itself is checked
    }, suppressionCheckDelayMs);
    return () => {
      window.clearTimeout(timer);
      controller.abort();
    };
  }, [number]);
  return result;
}
