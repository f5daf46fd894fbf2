// One row of a recipient or media URL list: label, the input, a "Remove" button when the list has
// more than one row, then whatever the row explains (hint, preview) and its error.
import type { ReactNode } from 'react';
import { Button } from '@/components/ui/button/button';
import { FieldError } from '@/components/ui/form-field/form-field';
import type { Row } from '@/features/send-mms/utils/rows';

// "Recipient", "Recipient 2", …: the first row keeps the plain label tests and people look for.
export function rowLabel(base: string, index: number): string {
  return index === 0 ? base : `${base} ${index + 1}`;
}

// Errors show after a submit attempt, or once the user left a row they typed into.
export function visibleRowError(row: Row, errors: Map<number, string>, showErrors: boolean): string | undefined {
  return showErrors || (row.touched && row.value.trim() !== '') ? errors.get(row.key) : undefined;
}

// What the send form hands each list: its rows, the per-row errors of the last validation and the
// server's error about the whole list (field "to" or "mediaUrls").
export type EditableListProps = {
  rows: Row[];
  onChange: (rows: Row[]) => void;
  showErrors: boolean;
  errors: Map<number, string>;
  groupError: string | undefined;
};

type EditableRowProps = {
  id: string;
  label: string;
  error: string | undefined;
  onRemove: (() => void) | undefined;
  children: ReactNode;
  details?: ReactNode;
};

export function EditableRow({ id, label, error, onRemove, children, details }: EditableRowProps) {
  return (
    <div>
      <label htmlFor={id} className="block text-sm font-medium text-gray-900 dark:text-gray-100">
        {label}
      </label>
      <div className="mt-1 flex gap-2">
        {children}
        {onRemove ? (
          <Button variant="secondary" onClick={onRemove}>
            {/* Named by its text, not aria-label, so finding the field by its label stays unambiguous. */}
            Remove<span className="sr-only"> {label.toLowerCase()}</span>
          </Button>
        ) : null}
      </div>
      {details}
      <FieldError id={id} message={error} />
    </div>
  );
}

// When focus leaves a field for the submit button, the submit shows every error anyway. Showing this
// field's error on blur would push the button down between mousedown and mouseup, and the click
// would be lost, so such a blur does not mark the field touched.
export function focusMovesToSubmit(event: { relatedTarget: EventTarget | null }): boolean {
  const target = event.relatedTarget;
  return target instanceof HTMLButtonElement && target.type === 'submit';
}
