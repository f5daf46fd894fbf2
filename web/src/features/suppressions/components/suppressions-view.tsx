// /settings/suppressions: the suppression list — search, page through active or ended entries, add a
// number, end an entry with a written reason (confirmed first), import and export CSV. Changes need
// suppressions:write (admins); the server refuses them for other roles, and the controls are hidden
// once the session names a role other than admin.
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useSession } from 'next-auth/react';
import { Alert } from '@/components/ui/alert/alert';
import { Button, buttonClassName } from '@/components/ui/button/button';
import { Card } from '@/components/ui/card/card';
import { labelledInputClassName } from '@/components/ui/form-field/form-field';
import {
  addSuppression,
  endSuppression,
  exportUrl,
  importSuppressions,
  listSuppressions,
  type Suppression,
  type SuppressionStatus,
} from '@/features/suppressions/api/suppressions';
import { useAsyncData } from '@/hooks/use-async-data';
import { useSubmission } from '@/hooks/use-submission';
import { errorMessage } from '@/lib/errors';

const pageSize = 50;
function when(iso: string | null): string {
  return iso ? new Date(iso).toLocaleString() : '';
}

function useMayChange(): boolean {
  const session = useSession();
  const role = (session.data?.user as { role?: string } | undefined)?.role;
  return role === undefined || role === 'admin';
}

function AddForm({ onAdded }: { onAdded: (entry: Suppression) => void }) {
  const [number, setNumber] = useState('');
  const [note, setNote] = useState('');
  const { busy, error, run } = useSubmission();

  async function submit(event: FormEvent) {
    event.preventDefault();
    await run(async () => {
      onAdded(await addSuppression(number.trim(), note.trim()));
      setNumber('');
      setNote('');
    });
  }

  return (
    <form onSubmit={submit} className="space-y-3" aria-label="Add a number">
      <h2 className="text-lg font-semibold">Add a number</h2>
      <div className="grid gap-3 sm:grid-cols-2">
        <label className="block text-sm font-medium">
          Phone number
          <input required value={number} onChange={(event) => setNumber(event.target.value)} placeholder="+1 415 555 0100" className={labelledInputClassName} />
        </label>
        <label className="block text-sm font-medium">
          Note (why)
          <input value={note} maxLength={500} onChange={(event) => setNote(event.target.value)} className={labelledInputClassName} />
        </label>
      </div>
      {error ? <Alert tone="error">{error}</Alert> : null}
      <Button type="submit" isLoading={busy} disabled={busy}>
        Add to the list
      </Button>
    </form>
  );
}

function ImportForm({ onImported }: { onImported: (text: string) => void }) {
  const file = useRef<HTMLInputElement>(null);
  const { busy, error, run } = useSubmission();

  async function submit(event: FormEvent) {
    event.preventDefault();
    const chosen = file.current?.files?.[0];
    if (!chosen) return;
    await run(async () => {
      const result = await importSuppressions(await chosen.text());
      const rejected = result.rejected.length ? `; ${result.rejected.length} line(s) were not numbers (first: line ${result.rejected[0]?.line})` : '';
      onImported(`Imported ${result.added} number(s); ${result.alreadyListed} were listed already${rejected}.`);
      if (file.current) file.current.value = '';
    });
  }

  return (
    <form onSubmit={submit} className="space-y-3" aria-label="Import numbers">
      <h2 className="text-lg font-semibold">Import CSV</h2>
      <p className="text-sm">One number a line, optionally followed by a comma and a note.</p>
      <input ref={file} type="file" accept=".csv,text/csv,text/plain" aria-label="CSV file" className="block w-full text-sm" />
      {error ? <Alert tone="error">{error}</Alert> : null}
      <Button type="submit" variant="secondary" isLoading={busy} disabled={busy}>
        Import
      </Button>
    </form>
  );
}

function EndForm({ entry, onEnded, onCancel }: { entry: Suppression; onEnded: (entry: Suppression) => void; onCancel: () => void }) {
  const [reason, setReason] = useState('');
  const { busy, error, run } = useSubmission();

  async function submit(event: FormEvent) {
    event.preventDefault();
    await run(async () => onEnded(await endSuppression(entry.id, reason.trim())));
  }

  return (
    <form onSubmit={submit} className="w-full space-y-2" aria-label={`End the opt-out of ${entry.number}`}>
      <Alert tone="warning">
        Ending this entry lets messages reach {entry.number} again. Only do it when the person asked for it; your reason stays in the
        history.
      </Alert>
      <label className="block text-sm font-medium">
        Reason
        <textarea required value={reason} maxLength={500} onChange={(event) => setReason(event.target.value)} className={labelledInputClassName} />
      </label>
      {error ? <Alert tone="error">{error}</Alert> : null}
      <div className="flex flex-wrap gap-2">
        <Button type="submit" variant="danger" isLoading={busy} disabled={busy || reason.trim() === ''}>
          End opt-out
        </Button>
        <Button variant="secondary" onClick={onCancel}>
          Keep it
        </Button>
      </div>
    </form>
  );
}

function EntryRow({ entry, mayChange, onEnded }: { entry: Suppression; mayChange: boolean; onEnded: (entry: Suppression) => void }) {
  const [ending, setEnding] = useState(false);
  return (
    <li className="flex flex-wrap items-center gap-x-4 gap-y-1 py-3 text-sm" data-testid="suppression-row">
      <span className="font-semibold">{entry.number}</span>
      <span className="min-w-0 flex-1 break-words">{entry.reason}</span>
      <span className="text-gray-700 dark:text-gray-300">{when(entry.createdAt)}</span>
      {entry.ourNumber ? <span className="text-gray-700 dark:text-gray-300">to {entry.ourNumber}</span> : null}
      {entry.active ? null : (
        <span className="w-full text-gray-700 dark:text-gray-300">
          Ended {when(entry.endedAt)}
          {entry.endedBy ? ` by ${entry.endedBy}` : ''}: {entry.endReason}
        </span>
      )}
      {entry.active && mayChange && !ending ? (
        <Button variant="secondary" className="ml-auto" onClick={() => setEnding(true)} aria-label={`End the opt-out of ${entry.number}`}>
          End…
        </Button>
      ) : null}
      {ending ? (
        <EndForm
          entry={entry}
          onCancel={() => setEnding(false)}
          onEnded={(ended) => {
            setEnding(false);
            onEnded(ended);
          }}
        />
      ) : null}
    </li>
  );
}

export function SuppressionsView() {
  const mayChange = useMayChange();
  const [status, setStatus] = useState<SuppressionStatus>('active');
  const [search, setSearch] = useState('');
  const [query, setQuery] = useState('');
  const [offset, setOffset] = useState(0);
  const { data: page, error, reload } = useAsyncData(() => listSuppressions({ status, q: query, offset, limit: pageSize }), [status, query, offset]);
  const [notice, setNotice] = useState<string | null>(null);

  // The search follows typing once it pauses; the typed text itself is never replaced.
  useEffect(() => {
    const timer = window.setTimeout(() => {
      setQuery(search.trim());
      setOffset(0);
    }, 300);
    return () => window.clearTimeout(timer);
  }, [search]);

  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-bold">Opt-outs</h1>
      <p className="text-sm">
        Numbers on this list are never sent to: a send skips them and shows them as suppressed. Replies such as STOP add a number, START
        ends its entry; entries are never deleted.
      </p>
      {notice ? <Alert tone="success">{notice}</Alert> : null}
      {mayChange ? (
        <div className="grid gap-4 lg:grid-cols-2">
          <Card>
            <AddForm
              onAdded={(entry) => {
                setNotice(`${entry.number} is on the list.`);
                reload();
              }}
            />
          </Card>
          <Card>
            <ImportForm
              onImported={(text) => {
                setNotice(text);
                reload();
              }}
            />
          </Card>
        </div>
      ) : null}
      <section className="space-y-3" aria-label="Suppression list">
        <div className="flex flex-wrap items-end gap-3">
          <label className="block min-w-0 flex-1 text-sm font-medium">
            Search
            <input type="search" value={search} onChange={(event) => setSearch(event.target.value)} placeholder="Number or text" className={labelledInputClassName} />
          </label>
          <label className="block text-sm font-medium">
            Show
            <select
              value={status}
              onChange={(event) => {
                setStatus(event.target.value as SuppressionStatus);
                setOffset(0);
              }}
              className={labelledInputClassName}
            >
              <option value="active">Active</option>
              <option value="ended">Ended</option>
              <option value="all">All</option>
            </select>
          </label>
          <a href={exportUrl()} download className={buttonClassName('secondary')}>
            Export CSV
          </a>
        </div>
        {error ? <Alert tone="error">{errorMessage(error)}</Alert> : null}
        {page ? (
          <>
            <p className="text-sm" aria-live="polite">
              {page.total} entr{page.total === 1 ? 'y' : 'ies'}
            </p>
            <ul className="divide-y divide-gray-200 dark:divide-gray-800">
              {page.suppressions.map((entry) => (
                <EntryRow
                  key={entry.id}
                  entry={entry}
                  mayChange={mayChange}
                  onEnded={(ended) => {
                    setNotice(`The opt-out of ${ended.number} ended.`);
                    reload();
                  }}
                />
              ))}
            </ul>
            <div className="flex gap-2">
              <Button variant="secondary" disabled={offset === 0} onClick={() => setOffset(Math.max(0, offset - pageSize))}>
                Previous
              </Button>
              <Button variant="secondary" disabled={offset + pageSize >= page.total} onClick={() => setOffset(offset + pageSize)}>
                Next
              </Button>
            </div>
          </>
        ) : !error ? (
          <p className="text-sm">Loading…</p>
        ) : null}
      </section>
    </div>
  );
}
