// One form action at a time: `busy` while it runs, `error` (a sentence) when it failed, until the next run.
import { useState } from 'react';
import { errorMessage } from '@/lib/errors';

export function useSubmission() {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  // Runs `action`; resolves true when it succeeded.
  async function run(action: () => Promise<void>): Promise<boolean> {
    setBusy(true);
    setError(null);
    try {
      await action();
      return true;
    } catch (cause) {
      setError(errorMessage(cause));
      return false;
    } finally {
      setBusy(false);
    }
  }
  // Forgets a failure that no longer applies (the page moved on).
  const reset = () => setError(null);
  return { busy, error, run, reset };
}
