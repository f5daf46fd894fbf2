// The delivery steps of one message, oldest first: one entry per state, with Plivo's explanation of
// an error code. Costs are not repeated here (the message facts show them once).
import { ErrorText } from '@/features/history/components/error-text';
import { StateBadge } from '@/features/history/components/state-badge';
import type { DeliveryEvent } from '@/features/history/types';
import { formatTime } from '@/features/history/utils/format';
import { timelineEntries } from '@/features/history/utils/timeline';

const sourceLabels: Record<string, string> = {
  api: 'Send request',
  dispatcher: 'Plivo API answer',
  callback: 'Plivo delivery report',
  reconcile: 'Status check with Plivo',
};

export function EventTimeline({ events }: { events: DeliveryEvent[] }) {
  const entries = timelineEntries(events);
  if (entries.length === 0) return <p className="text-sm text-gray-700 dark:text-gray-300">No delivery events yet.</p>;
  return (
    <ol className="relative space-y-4 border-l-2 border-gray-300 pl-5 dark:border-gray-700">
      {entries.map((entry) => (
        <li key={entry.state} className="relative">
          <span aria-hidden="true" className="absolute top-1.5 -left-[1.6rem] size-3 rounded-full border-2 border-white bg-gray-500 dark:border-gray-900 dark:bg-gray-400" />
          <div className="flex flex-wrap items-center gap-2">
            <StateBadge state={entry.state} />
            <time dateTime={entry.occurredAt} className="text-sm text-gray-800 dark:text-gray-200">
              {formatTime(entry.occurredAt, true)}
            </time>
            {entry.sources.length > 0 ? (
              <span className="text-sm text-gray-700 dark:text-gray-300">· {entry.sources.map((source) => sourceLabels[source] ?? source).join(', ')}</span>
            ) : null}
          </div>
          {entry.errorCode !== null || entry.errorMeaning ? (
            <div className="mt-1 text-sm text-red-800 dark:text-red-200">
              {entry.errorCode !== null ? <span className="font-semibold">Error {entry.errorCode}: </span> : null}
              <ErrorText text={entry.errorMeaning ?? 'No explanation available.'} />
            </div>
          ) : null}
        </li>
      ))}
    </ol>
  );
}
