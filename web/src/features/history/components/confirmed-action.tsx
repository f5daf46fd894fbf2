// An action on a message that cannot be taken back (cancel a held send, send again): what it is
// about, a button that first asks, then runs it; a failure closes the question and says why.
import { useState, type ReactNode } from 'react';
import { Alert } from '@/components/ui/alert/alert';
import { Button, type ButtonVariant } from '@/components/ui/button/button';
import { ConfirmDialog } from '@/components/ui/confirm-dialog/confirm-dialog';

type ConfirmedActionProps = {
  about: ReactNode;
  offer: { label: string; variant: ButtonVariant };
  // The question: `id` names its parts, `confirm`/`running` label the "yes" button before and while it runs.
  question: { id: string; text: string; explanation: ReactNode; confirm: string; running: string; cancel: string };
  // Shown when the failure carries no message of its own.
  failureMessage: string;
  action: () => Promise<void>;
};

export function ConfirmedAction({ about, offer, question, failureMessage, action }: ConfirmedActionProps) {
  const [isConfirming, setIsConfirming] = useState(false);
  const [isRunning, setIsRunning] = useState(false);
  const [error, setError] = useState<string | undefined>(undefined);

  async function handleConfirm() {
    if (isRunning) return;
    setIsRunning(true);
    setError(undefined);
    try {
      await action();
    } catch (cause) {
      setError(cause instanceof Error ? cause.message : failureMessage);
      setIsConfirming(false);
    } finally {
      setIsRunning(false);
    }
  }

  return (
    <div className="space-y-3">
      <p className="text-sm text-gray-800 dark:text-gray-200">{about}</p>
      {isConfirming ? (
        <ConfirmDialog
          id={question.id}
          question={question.text}
          confirmLabel={isRunning ? question.running : question.confirm}
          cancelLabel={question.cancel}
          onConfirm={() => void handleConfirm()}
          onCancel={() => setIsConfirming(false)}
          busy={isRunning}
          autoFocus
        >
          {question.explanation}
        </ConfirmDialog>
      ) : (
        <Button variant={offer.variant} onClick={() => setIsConfirming(true)}>
          {offer.label}
        </Button>
      )}
      {error ? <Alert tone="error">{error}</Alert> : null}
    </div>
  );
}
