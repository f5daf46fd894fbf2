// Filter form for the history: state, recipient and a date range. Applied on submit so typing does
// not fire a request per keystroke.
import { useState, type FormEvent } from 'react';
import { Button } from '@/components/ui/button/button';
import { FieldFrame, TextField, controlClassName, describedBy } from '@/components/ui/form-field/form-field';
import { stateLabels } from '@/features/history/components/state-badge';
import { emptyFilters, messageStates, type MessageFilters } from '@/features/history/types';

type MessageFiltersFormProps = { value: MessageFilters; onApply: (filters: MessageFilters) => void };

export function MessageFiltersForm({ value, onApply }: MessageFiltersFormProps) {
  const [draft, setDraft] = useState<MessageFilters>(value);
  const [rangeError, setRangeError] = useState<string | undefined>(undefined);
  const set = (key: keyof MessageFilters) => (event: { target: { value: string } }) =>
    setDraft((previous) => ({ ...previous, [key]: event.target.value }));

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (draft.from && draft.to && draft.to < draft.from) {
      setRangeError('The end date is before the start date.');
      document.getElementById('filter-to')?.focus();
      return;
    }
    setRangeError(undefined);
    onApply(draft);
  }

  function handleClear() {
    setDraft(emptyFilters);
    setRangeError(undefined);
    onApply(emptyFilters);
  }

  return (
    <form onSubmit={handleSubmit} role="search" aria-label="Filters" className="grid gap-4 sm:grid-cols-2 lg:grid-cols-5 lg:items-end">
      <FieldFrame id="filter-state" label="State">
        <select id="filter-state" className={controlClassName} value={draft.state} onChange={set('state')}>
          <option value="">All states</option>
          {messageStates.map((state) => (
            <option key={state} value={state}>
              {stateLabels[state]}
            </option>
          ))}
        </select>
      </FieldFrame>
      <TextField id="filter-recipient" label="Phone number" type="search" inputMode="tel" value={draft.recipient} onChange={set('recipient')} />
      <TextField id="filter-from" label="From date" type="date" value={draft.from} onChange={set('from')} />
      <FieldFrame id="filter-to" label="To date" error={rangeError}>
        <input
          id="filter-to"
          type="date"
          className={controlClassName}
          value={draft.to}
          onChange={set('to')}
          aria-invalid={rangeError ? true : undefined}
          aria-describedby={describedBy('filter-to', { error: Boolean(rangeError) })}
        />
      </FieldFrame>
      <div className="flex gap-2">
        <Button type="submit">Apply filters</Button>
        <Button variant="secondary" onClick={handleClear}>
          Clear
        </Button>
      </div>
    </form>
  );
}
