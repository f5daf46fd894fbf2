// The history table for wider screens (narrow ones get messages-cards.tsx). The recipients of one
// send are one row group under a line with their number and total cost. `linkSearch` carries the
// page's filters to the message page, so "Back to history" returns to the same list.
import { Link } from 'react-router';
import { paths } from '@/config/paths';
import { ScheduledTime } from '@/features/history/components/scheduled-time';
import { StateBadge } from '@/features/history/components/state-badge';
import type { Message } from '@/features/history/types';
import { excerpt, formatCost, formatTime } from '@/features/history/utils/format';
import { groupBySend } from '@/features/history/utils/group-by-send';
import { MediaThumbnails } from '@/features/media-upload/components/media-thumbnails';

const linkClass =
  'font-medium text-indigo-800 underline underline-offset-2 hover:no-underline focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600 dark:text-indigo-200 dark:focus-visible:outline-indigo-300';
const headerClass = 'px-3 py-2 text-left text-xs font-semibold uppercase tracking-wide text-gray-700 dark:text-gray-300';
const cellClass = 'px-3 py-2 align-top text-sm text-gray-900 dark:text-gray-100';

export function MessagesTable({ messages, linkSearch = '' }: { messages: Message[]; linkSearch?: string }) {
  const groups = groupBySend(messages);
  return (
    <div className="overflow-x-auto rounded-lg border border-gray-200 dark:border-gray-800" role="region" aria-label="History table" tabIndex={0}>
      <table className="min-w-full divide-y divide-gray-200 bg-white dark:divide-gray-800 dark:bg-gray-900">
        <caption className="sr-only">Messages you sent, newest first</caption>
        <thead className="bg-gray-50 dark:bg-gray-950">
          <tr>
            <th scope="col" className={headerClass}>Recipient</th>
            <th scope="col" className={headerClass}>Message</th>
            <th scope="col" className={headerClass}>State</th>
            <th scope="col" className={headerClass}>Sent</th>
            <th scope="col" className={`${headerClass} text-right`}>Cost</th>
          </tr>
        </thead>
        {groups.map((group) => (
          <tbody key={group.key} className="divide-y divide-gray-200 dark:divide-gray-800">
            {group.messages.length > 1 ? (
              <tr className="bg-gray-50 dark:bg-gray-950">
                <th scope="rowgroup" colSpan={4} className="px-3 py-1 text-left text-sm font-semibold text-gray-800 dark:text-gray-200">
                  One send to {group.messages.length} recipients
                </th>
                <td className="px-3 py-1 text-right text-sm font-semibold whitespace-nowrap text-gray-800 tabular-nums dark:text-gray-200">
                  {group.totalAmount === null ? '—' : `Total ${formatCost(group.totalAmount)}`}
                </td>
              </tr>
            ) : null}
            {group.messages.map((message) => (
              <tr key={message.id} data-message-id={message.id}>
                <td className={`${cellClass} whitespace-nowrap`}>
                  <Link className={`${linkClass} font-mono`} to={paths.message.getHref(message.id) + linkSearch}>
                    {message.to || message.id}
                  </Link>
                </td>
                <td className={`${cellClass} min-w-48`}>
                  {excerpt(message.text) || <span className="text-gray-700 dark:text-gray-300">(no text)</span>}
                  <MediaThumbnails media={message.media} label={`Pictures sent to ${message.to}`} size="small" />
                </td>
                <td className={cellClass}>
                  <StateBadge state={message.state} />
                  <ScheduledTime message={message} />
                </td>
                <td className={`${cellClass} whitespace-nowrap`}>
                  <time dateTime={message.createdAt}>{formatTime(message.createdAt)}</time>
                </td>
                <td className={`${cellClass} whitespace-nowrap text-right tabular-nums`}>{formatCost(message.totalAmount)}</td>
              </tr>
            ))}
          </tbody>
        ))}
      </table>
    </div>
  );
}
