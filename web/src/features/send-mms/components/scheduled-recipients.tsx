// Recipients a send held for quiet hours: each with the time it goes (the reader's local time) and
// a link to its message page, where it can be cancelled.
import { Link } from 'react-router';
import { paths } from '@/config/paths';
import { formatTime } from '@/features/history/utils/format';
import type { ScheduledOutcome } from '@/features/send-mms/api/send-mms';

const linkClass =
  'font-semibold text-indigo-800 underline underline-offset-2 hover:no-underline focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600 dark:text-indigo-200 dark:focus-visible:outline-indigo-300';

export function ScheduledRecipients({ scheduled }: { scheduled: ScheduledOutcome[] }) {
  if (scheduled.length === 0) return null;
  return (
    <div className="mt-2" data-testid="scheduled-recipients">
      <p className="font-semibold">
        Held for quiet hours (outside the allowed hours in the recipient's local time); each goes by itself at the time shown:
      </p>
      <ul className="mt-1 space-y-2" aria-label="Scheduled recipients">
        {scheduled.map((entry) => (
          <li key={entry.id || entry.to} className="flex flex-wrap items-center gap-x-2 gap-y-1">
            <span className="font-mono">{entry.to}</span>
            <span>
              until <time dateTime={entry.scheduledFor}>{formatTime(entry.scheduledFor, true)}</time>
            </span>
            {entry.id ? (
              <Link className={linkClass} to={paths.message.getHref(entry.id)} aria-label={`View or cancel the message to ${entry.to}`}>
                View or cancel
              </Link>
            ) : null}
          </li>
        ))}
      </ul>
    </div>
  );
}
