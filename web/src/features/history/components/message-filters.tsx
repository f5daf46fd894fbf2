// Filter form for the history: state, recipient and a date range. Applied on submit so typing does
// not fire a request per keystroke.
import { useState, type FormEvent } from 'react';
import { Button } from '@/components/ui/button/button';
import { FieldFrame, TextField, controlClassName, describedBy } from '@/components/ui/form-field/form-field';
import { stateLabels } from '@/features/history/components/state-badge';
import { emptyFilters, messageStates, type MessageFilters } from '@/features/history/types';

// `isOpen` matters on narrow screens only, where the filters are folded behind a button; wider
// screens always show them. Every field starts at the top of its cell (an error below "To date"
// must not push its row out of line), and the buttons line up with the fields below the labels.
type MessageFiltersFormProps = { id: string; value: MessageFilters; onApply: (filters: MessageFilters) => void; isOpen: boolean };

export function MessageFiltersForm({ id, value, onApply, isOpen }: MessageFiltersFormProps) {
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
    <form
      id={id}
      onSubmit={handleSubmit}
      role="search"
      aria-label="Filters"
      className={`${isOpen ? 'grid' : 'hidden'} gap-4 sm:grid sm:grid-cols-2 lg:grid-cols-5 lg:items-start`}
    >
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
      <TextField
        id="filter-search"
        label="Number or text"
        type="search"
        placeholder="e.g. 0112 or coffee"
        value={draft.q}
        onChange={set('q')}
      />
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
      <div className="flex gap-2 lg:pt-6">
        <Button type="submit">Apply filters</Button>
        <Button variant="secondary" onClick={handleClear}>
          Clear
        </Button>
      </div>
    </form>
  );
}
