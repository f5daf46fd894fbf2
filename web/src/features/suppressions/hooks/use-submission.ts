// One form action at a time: `busy` while it runs, `error` (a sentence) when it failed.
import { useState } from 'react';
import { ApiError } from '@/lib/api-client';

export function errorText(error: unknown): string {
  return error instanceof ApiError || error instanceof Error ? error.message : 'Something went wrong.';
}

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
      setError(errorText(cause));
      return false;
    } finally {
      setBusy(false);
    }
  }
  return { busy, error, run };
}
