// The history page body: filters (kept in the URL), the table, "Load more", the CSV export link for
// the same filters and live state changes from the event stream.
import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { Alert } from '@/components/ui/alert/alert';
import { Button, buttonClassName } from '@/components/ui/button/button';
import { Spinner } from '@/components/ui/spinner/spinner';
import { exportCsvHref } from '@/features/history/api/get-messages';
import { useMessageStream, type StreamState } from '@/features/history/api/message-stream';
import { MessageFiltersForm } from '@/features/history/components/message-filters';
import { MessagesCards } from '@/features/history/components/messages-cards';
import { MessagesTable } from '@/features/history/components/messages-table';
import { useMessageList } from '@/features/history/hooks/use-message-list';
import type { MessageFilters } from '@/features/history/types';
import { activeFilterCount, filtersFromSearch, filtersToSearch, hasActiveFilters } from '@/features/history/utils/filters';

const streamLabels: Record<StreamState, string> = {
  connecting: 'Connecting to live updates…',
  live: 'Live updates on',
  closed: 'Live updates stopped. Reload the page to see new states.',
};

export function MessagesView() {
  const [search, setSearch] = useSearchParams();
  const filters = filtersFromSearch(search);
  const list = useMessageList(filters);
  const streamState = useMessageStream(list.applyUpdate, list.refresh);
  const apply = (next: MessageFilters) => setSearch(filtersToSearch(next));
  const [filtersOpen, setFiltersOpen] = useState(false);
  const activeCount = activeFilterCount(filters);
  // Message links carry the filters, so "Back to history" on the message page returns to this list.
  const linkSearch = search.toString() ? `?${search.toString()}` : '';

  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h1 className="text-xl font-bold text-gray-900 dark:text-gray-50">Message history</h1>
        <a className={buttonClassName('secondary')} href={exportCsvHref(filters)} download>
          Export CSV
        </a>
      </div>
      <Button
        variant="secondary"
        className="sm:hidden"
        aria-expanded={filtersOpen}
        aria-controls="history-filters"
        onClick={() => setFiltersOpen((open) => !open)}
      >
        {filtersOpen ? 'Hide filters' : activeCount > 0 ? `Filters (${activeCount} on)` : 'Filters'}
      </Button>
      <MessageFiltersForm id="history-filters" key={search.toString()} value={filters} onApply={apply} isOpen={filtersOpen} />
      <p className="text-sm text-gray-700 dark:text-gray-300">
        <span
          aria-hidden="true"
          className={`mr-2 inline-block size-2 rounded-full ${streamState === 'live' ? 'bg-green-600' : streamState === 'closed' ? 'bg-red-600' : 'bg-gray-500'}`}
        />
        {streamLabels[streamState]}
      </p>
      {list.error ? <Alert tone="error">{list.error.message}</Alert> : null}
      <div role="status" aria-live="polite" className="sr-only">
        {list.isLoading ? 'Loading messages…' : `${list.messages.length} messages shown.`}
      </div>
      {list.isLoading ? (
        <p className="flex items-center gap-2 text-sm text-gray-700 dark:text-gray-300">
          <Spinner /> Loading messages…
        </p>
      ) : list.messages.length === 0 && !list.error ? (
        <p className="rounded-lg border border-dashed border-gray-400 p-6 text-center text-gray-700 dark:border-gray-600 dark:text-gray-300">
          {hasActiveFilters(filters) ? 'No messages match these filters.' : 'No messages yet.'}
        </p>
      ) : (
        <>
          <div className="sm:hidden">
            <MessagesCards messages={list.messages} linkSearch={linkSearch} />
          </div>
          <div className="hidden sm:block">
            <MessagesTable messages={list.messages} linkSearch={linkSearch} />
          </div>
        </>
      )}
      {list.nextCursor ? (
        <Button variant="secondary" onClick={list.loadMore} disabled={list.isLoadingMore} isLoading={list.isLoadingMore}>
          {list.isLoadingMore ? 'Loading…' : 'Load more'}
        </Button>
      ) : null}
    </div>
  );
}
