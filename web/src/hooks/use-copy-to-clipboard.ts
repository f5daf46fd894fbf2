// Copies a text to the clipboard and remembers how that went, for the page to say so. The browser may
// refuse (no permission, not a secure context): then the person selects and copies it themselves.
import { useState } from 'react';

export type CopyOutcome = 'copied' | 'failed' | null;

export function useCopyToClipboard(text: string): { outcome: CopyOutcome; copy: () => Promise<void> } {
  const [outcome, setOutcome] = useState<CopyOutcome>(null);
  async function copy() {
    try {
      await navigator.clipboard.writeText(text);
      setOutcome('copied');
    } catch {
      setOutcome('failed');
    }
  }
  return { outcome, copy };
}
