// /settings/audit: the audit log, newest first, with filters (action, actor, time range, text),
// "Load more" paging and a CSV export of what the filters select.
import { useState, type FormEvent } from 'react';
import { Alert } from '@/components/ui/alert/alert';
import { Button, buttonClassName } from '@/components/ui/button/button';
import { Card } from '@/components/ui/card/card';
import { labelledInputClassName } from '@/components/ui/form-field/form-field';
import { auditExportHref, emptyAuditFilters, listAuditEntries, type AuditEntry, type AuditFilters } from '@/features/team/api/audit';
import { useAsyncData } from '@/hooks/use-async-data';
import { useSubmission } from '@/hooks/use-submission';
import { errorMessage } from '@/lib/errors';

const actions = [
  ['', 'Every action'],
  ['sign_in.', 'Sign-ins'],
  ['sign_in.failed', 'Failed sign-ins'],
  ['user.', 'User changes'],
  ['key.', 'API keys'],
  ['webhook.', 'Webhooks'],
  ['suppression.', 'Suppression list'],
  ['setting.', 'Settings'],
] as const;

function detailText(entry: AuditEntry): string {
  return Object.entries(entry.detail)
    .map(([key, value]) => `${key}: ${typeof value === 'string' ? value : JSON.stringify(value)}`)
    .join(', ');
}

export function AuditView() {
  const [draft, setDraft] = useState<AuditFilters>(emptyAuditFilters);
  const [filters, setFilters] = useState<AuditFilters>(emptyAuditFilters);
  // The first page follows the filters; "Load more" appends the next one.
  const { data: page, error: pageError, isLoading, setData: setPage } = useAsyncData(() => listAuditEntries(filters), [filters]);
  const { busy: loadingMore, error: moreError, run, reset: forgetMoreError } = useSubmission();
  const entries = page?.entries;
  const cursor = page?.nextCursor;
  const error = pageError ? errorMessage(pageError) : moreError;
  const busy = isLoading || loadingMore;

  function loadMore(after: string) {
    void run(async () => {
      const next = await listAuditEntries(filters, after);
      setPage((previous) => (previous ? { entries: [...previous.entries, ...next.entries], nextCursor: next.nextCursor } : next));
    });
  }

  function select(next: AuditFilters) {
    forgetMoreError();
    setFilters(next);
  }

  function apply(event: FormEvent) {
    event.preventDefault();
    select({ ...draft });
  }

  const field = (name: keyof AuditFilters) => ({
    value: draft[name],
    onChange: (event: { target: { value: string } }) => setDraft({ ...draft, [name]: event.target.value }),
  });

  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h1 className="text-2xl font-bold">Audit log</h1>
        <a className={buttonClassName('secondary')} href={auditExportHref(filters)} download>
          Export CSV
        </a>
      </div>
      <Card>
        <form onSubmit={apply} aria-label="Filter the audit log" className="grid gap-3 sm:grid-cols-2 lg:grid-cols-3">
          <label className="block text-sm font-medium">
            Action
            <select {...field('action')} className={labelledInputClassName}>
              {actions.map(([value, label]) => (
                <option key={value} value={value}>
                  {label}
                </option>
              ))}
            </select>
          </label>
          <label className="block text-sm font-medium">
            Who
            <input {...field('actor')} placeholder="e-mail address" className={labelledInputClassName} />
          </label>
          <label className="block text-sm font-medium">
            Text
            <input {...field('q')} placeholder="address, target, detail" className={labelledInputClassName} />
          </label>
          <label className="block text-sm font-medium">
            From
            <input type="datetime-local" {...field('from')} className={labelledInputClassName} />
          </label>
          <label className="block text-sm font-medium">
            To
            <input type="datetime-local" {...field('to')} className={labelledInputClassName} />
          </label>
          <div className="flex items-end gap-2">
            <Button type="submit">Apply filters</Button>
            <Button
              variant="secondary"
              onClick={() => {
                setDraft(emptyAuditFilters);
                select(emptyAuditFilters);
              }}
            >
              Clear
            </Button>
          </div>
        </form>
      </Card>
      {error ? <Alert tone="error">{error}</Alert> : null}
      {entries ? (
        <section aria-label="Entries" className="space-y-2">
          {entries.length === 0 ? <p className="text-sm">No entries match.</p> : null}
          <ol className="divide-y divide-gray-200 rounded-md border border-gray-200 dark:divide-gray-800 dark:border-gray-800">
            {entries.map((entry) => (
              <li key={entry.id} className="p-3 text-sm" data-testid="audit-entry">
                <div className="flex flex-wrap items-baseline justify-between gap-x-3">
                  <span className="font-mono font-semibold">
                    {entry.action}
                    {entry.outcome === 'failure' ? <span className="ml-2 text-red-800 dark:text-red-300">failed</span> : null}
                  </span>
                  <time dateTime={entry.occurredAt} className="text-gray-700 dark:text-gray-300">
                    {new Date(entry.occurredAt).toLocaleString()}
                  </time>
                </div>
                <p className="break-words">
                  {entry.actorLabel || 'system'}
                  {entry.clientAddress ? ` from ${entry.clientAddress}` : ''}
                  {entry.targetType ? ` · ${entry.targetType} ${entry.targetId}` : ''}
                </p>
                {detailText(entry) ? <p className="break-words text-gray-700 dark:text-gray-300">{detailText(entry)}</p> : null}
              </li>
            ))}
          </ol>
          {cursor ? (
            <Button variant="secondary" isLoading={busy} disabled={busy} onClick={() => loadMore(cursor)}>
              Load more
            </Button>
          ) : null}
        </section>
      ) : !error ? (
        <p className="text-sm">Loading…</p>
      ) : null}
    </div>
  );
}
