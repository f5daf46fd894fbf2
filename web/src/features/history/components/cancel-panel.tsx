// A message held for quiet hours: when it goes, and a confirmed "Cancel sending". Cancelling cannot
// be undone, so the button first asks, naming the recipient and the time.
import { useState } from 'react';
import { Alert } from '@/components/ui/alert/alert';
import { Button } from '@/components/ui/button/button';
import { cancelMessage } from '@/features/history/api/cancel-message';
import type { Message } from '@/features/history/types';
import { formatTime } from '@/features/history/utils/format';

type CancelPanelProps = { message: Message; onCancelled: () => void };

export function CancelPanel({ message, onCancelled }: CancelPanelProps) {
  const [isConfirming, setIsConfirming] = useState(false);
  const [isCancelling, setIsCancelling] = useState(false);
  const [error, setError] = useState<string | undefined>(undefined);
  const goes = message.scheduledFor ? formatTime(message.scheduledFor, true) : 'when quiet hours end';

  async function handleCancel() {
    if (isCancelling) return;
    setIsCancelling(true);
    setError(undefined);
    try {
      await cancelMessage(message.id);
      onCancelled();
    } catch (cause) {
      setError(cause instanceof Error ? cause.message : 'The message could not be cancelled.');
      setIsConfirming(false);
    } finally {
      setIsCancelling(false);
    }
  }

  return (
    <div className="space-y-3">
      <p className="text-sm text-gray-800 dark:text-gray-200">
        It is outside the allowed hours where <span className="font-mono">{message.to}</span> is. mmsgate sends it by itself at{' '}
        {message.scheduledFor ? <time dateTime={message.scheduledFor}>{goes}</time> : goes} (your time).
      </p>
      {isConfirming ? (
        <div
          role="alertdialog"
          aria-labelledby="cancel-title"
          aria-describedby="cancel-text"
          className="rounded-md border border-amber-300 bg-amber-50 p-3 text-sm text-amber-950 dark:border-amber-700 dark:bg-amber-950 dark:text-amber-100"
        >
          <p id="cancel-title" className="font-semibold">Cancel this message?</p>
          <p id="cancel-text" className="mt-1">
            It will never be sent to <span className="font-mono">{message.to}</span>. This cannot be undone.
          </p>
          <div className="mt-3 flex flex-wrap gap-3">
            <Button variant="danger" onClick={handleCancel} disabled={isCancelling} isLoading={isCancelling} autoFocus>
              {isCancelling ? 'Cancelling…' : 'Yes, cancel it'}
            </Button>
            <Button variant="secondary" onClick={() => setIsConfirming(false)} disabled={isCancelling}>
              Keep it scheduled
            </Button>
          </div>
        </div>
      ) : (
        <Button variant="secondary" onClick={() => setIsConfirming(true)}>Cancel sending…</Button>
      )}
      {error ? <Alert tone="error">{error}</Alert> : null}
    </div>
  );
}
