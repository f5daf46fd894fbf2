// The question before a costly or final action, in place on the page: the question and what it
// means are the dialog's accessible name and description; "yes" is the danger button.
import type { ReactNode, Ref } from 'react';
import { Button } from '@/components/ui/button/button';

type ConfirmDialogProps = {
  // `${id}-title` and `${id}-text` name and describe the dialog: one such dialog on a page at a time.
  id: string;
  question: string;
  children: ReactNode;
  confirmLabel: string;
  cancelLabel: string;
  onConfirm: () => void;
  onCancel: () => void;
  // While the action runs: both buttons wait, the confirm button spins.
  busy?: boolean;
  // The confirm button takes the focus when the dialog opens; otherwise the page moves it (via `ref`).
  autoFocus?: boolean;
  ref?: Ref<HTMLDivElement>;
};

export function ConfirmDialog({ id, question, children, confirmLabel, cancelLabel, onConfirm, onCancel, busy = false, autoFocus = false, ref }: ConfirmDialogProps) {
  return (
    <div
      ref={ref}
      tabIndex={ref ? -1 : undefined}
      role="alertdialog"
      aria-labelledby={`${id}-title`}
      aria-describedby={`${id}-text`}
      className="rounded-md border border-amber-300 bg-amber-50 p-3 text-sm text-amber-950 focus:outline-none dark:border-amber-700 dark:bg-amber-950 dark:text-amber-100"
    >
      <p id={`${id}-title`} className="font-semibold">
        {question}
      </p>
      <p id={`${id}-text`} className="mt-1">
        {children}
      </p>
      <div className="mt-3 flex flex-wrap gap-3">
        <Button variant="danger" onClick={onConfirm} disabled={busy} isLoading={busy} autoFocus={autoFocus}>
          {confirmLabel}
        </Button>
        <Button variant="secondary" onClick={onCancel} disabled={busy}>
          {cancelLabel}
        </Button>
      </div>
    </div>
  );
}
