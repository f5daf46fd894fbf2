// Recipient inputs: formatted while typing, each showing the E.164 number it will send to.
import type { ClipboardEvent } from 'react';
import { Button } from '@/components/ui/button/button';
import { FieldError, controlClassName, describedBy, errorId, hintId } from '@/components/ui/form-field/form-field';
import { EditableRow, focusMovesToSubmit, rowLabel, visibleRowError, type EditableListProps } from '@/features/send-mms/components/editable-row';
import { useEditableRows } from '@/features/send-mms/hooks/use-editable-rows';
import { maxRecipients } from '@/features/send-mms/utils/limits';
import { SuppressionWarning } from '@/features/suppressions/components/suppression-warning';
import { checkRecipient, formatAsYouType, nextRecipientValue } from '@/features/send-mms/utils/phone-number';
import { newRow, splitPastedList, type Row } from '@/features/send-mms/utils/rows';

const recipientGroupId = 'recipients';
export const recipientGroupErrorId = errorId(recipientGroupId);

export function recipientInputId(index: number): string {
  return `recipient-${index}`;
}

export function RecipientList({ rows, onChange, showErrors, errors, groupError }: EditableListProps) {
  const { add, remove, update, focusRef, canAdd } = useEditableRows(rows, onChange, maxRecipients);

  function handlePaste(event: ClipboardEvent<HTMLInputElement>, row: Row) {
    const parts = splitPastedList(event.clipboardData.getData('text'));
    if (parts.length < 2) return;
    event.preventDefault();
    const index = rows.findIndex((candidate) => candidate.key === row.key);
    const pasted = parts.map((part) => ({ ...newRow(formatAsYouType(part)), touched: true }));
    const [first, ...others] = pasted;
    const updated = [...rows.slice(0, index), { ...row, value: first?.value ?? '', touched: true }, ...others, ...rows.slice(index + 1)];
    onChange(updated.slice(0, maxRecipients));
  }

  return (
    <fieldset className="space-y-3">
      <legend className="text-base font-semibold text-gray-900 dark:text-gray-100">Recipients</legend>
      {rows.map((row, index) => {
        const id = recipientInputId(index);
        const check = checkRecipient(row.value);
        const shownError = visibleRowError(row, errors, showErrors);
        const label = rowLabel('Recipient', index);
        return (
          <EditableRow
            key={row.key}
            id={id}
            label={label}
            error={shownError}
            onRemove={rows.length > 1 ? () => remove(row.key) : undefined}
            details={
              check.valid ? (
                <>
                  <p id={hintId(id)} className="mt-1 text-sm text-gray-700 dark:text-gray-300">
                    Will send to <span className="font-mono">{check.e164}</span>
                  </p>
                  <SuppressionWarning number={check.e164} />
                </>
              ) : null
            }
          >
            <input
              id={id}
              ref={focusRef(row.key)}
              type="tel"
              inputMode="tel"
              autoComplete="off"
              placeholder="e.g. (415) 555-0100"
              className={controlClassName}
              value={row.value}
              aria-invalid={shownError || groupError ? true : undefined}
              aria-describedby={describedBy(id, {
                hint: check.valid,
                error: Boolean(shownError),
                extra: groupError ? [recipientGroupErrorId] : [],
              })}
              onChange={(event) => {
                const input = event.target;
                const caretAtEnd = input.selectionStart === null || input.selectionStart === input.value.length;
                update(row.key, { value: nextRecipientValue(row.value, input.value, caretAtEnd) });
              }}
              onBlur={(event) =>
                update(row.key, {
                  touched: row.touched || !focusMovesToSubmit(event),
                  value: row.value.trim() === '' ? '' : formatAsYouType(row.value),
                })
              }
              onPaste={(event) => handlePaste(event, row)}
            />
          </EditableRow>
        );
      })}
      <FieldError id={recipientGroupId} message={groupError} />
      <div className="flex flex-wrap items-center gap-3">
        <Button variant="secondary" disabled={!canAdd} onClick={add}>
          Add recipient
        </Button>
        <span className="text-sm text-gray-700 dark:text-gray-300">
          {rows.length} of {maxRecipients} recipients
        </span>
      </div>
    </fieldset>
  );
}
