// The flag of an incoming message that may ask to stop ("please stop texting me"): a person
// confirms it with one click, which adds the sender to the suppression list.
import { useState } from 'react';
import { Button } from '@/components/ui/button/button';
import { confirmFlaggedOptOut } from '@/features/suppressions/api/suppressions';
import { useSubmission } from '@/hooks/use-submission';

export function OptOutFlag({ messageId, flag }: { messageId: string; flag: string }) {
  const [done, setDone] = useState(flag === 'optout_confirmed');
  const { busy, error, run } = useSubmission();
  if (flag !== 'possible_optout' && flag !== 'optout_confirmed') return <p className="mt-1 text-xs font-semibold">{flag}</p>;
  if (done) return <p className="mt-1 text-xs font-semibold">Opted out: this number is on the suppression list.</p>;

  async function confirm() {
    if (await run(() => confirmFlaggedOptOut(messageId))) setDone(true);
  }

  return (
    <div className="mt-2 space-y-1 text-xs" data-testid="optout-flag">
      <p className="font-semibold">This reply may ask to stop messages.</p>
      <Button variant="secondary" isLoading={busy} disabled={busy} onClick={() => void confirm()}>
        Confirm opt-out
      </Button>
      {error ? <p role="alert">{error}</p> : null}
    </div>
  );
}
