// The delivery events of one message, oldest first, with Plivo's explanation of each error code.
import { StateBadge } from '@/features/history/components/state-badge';
import type { DeliveryEvent } from '@/features/history/types';
import { formatCost, formatTime } from '@/features/history/utils/format';

const sourceLabels: Record<string, string> = {
  api: 'Send request',
  dispatcher: 'Plivo API answer',
  callback: 'Plivo delivery report',
  reconcile: 'Status check with Plivo',
};

export function EventTimeline({ events }: { events: DeliveryEvent[] }) {
  if (events.length === 0) return <p className="text-sm text-gray-700 dark:text-gray-300">No delivery events yet.</p>;
  return (
    <ol className="relative space-y-4 border-l-2 border-gray-300 pl-5 dark:border-gray-700">
      {events.map((event, index) => (
        <li key={`${event.occurredAt}-${index}`} className="relative">
          <span aria-hidden="true" className="absolute top-1.5 -left-[1.6rem] size-3 rounded-full border-2 border-white bg-gray-500 dark:border-gray-900 dark:bg-gray-400" />
          <div className="flex flex-wrap items-center gap-2">
            <StateBadge state={event.state} />
            <time dateTime={event.occurredAt} className="text-sm text-gray-800 dark:text-gray-200">
              {formatTime(event.occurredAt, true)}
            </time>
            {event.source ? <span className="text-sm text-gray-700 dark:text-gray-300">· {sourceLabels[event.source] ?? event.source}</span> : null}
          </div>
          {event.errorCode !== null || event.errorMeaning ? (
            <p className="mt-1 text-sm text-red-800 dark:text-red-200">
              {event.errorCode !== null ? <span className="font-semibold">Error {event.errorCode}: </span> : null}
              {event.errorMeaning ?? 'No explanation available.'}
            </p>
          ) : null}
          {event.units !== null || event.totalAmount !== null ? (
            <p className="mt-1 text-sm text-gray-700 dark:text-gray-300">
              {event.units !== null ? `${event.units} unit${event.units === 1 ? '' : 's'}` : null}
              {event.units !== null && event.totalAmount !== null ? ', ' : null}
              {event.totalAmount !== null ? formatCost(event.totalAmount) : null}
            </p>
          ) : null}
        </li>
      ))}
    </ol>
  );
}
