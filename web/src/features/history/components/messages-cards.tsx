// The history as a list of cards for narrow screens: each message's recipient, state, time and
// cost stay visible without sideways scrolling (the table needs about 680 px).
import { Link } from 'react-router';
import { paths } from '@/config/paths';
import { StateBadge } from '@/features/history/components/state-badge';
import type { Message } from '@/features/history/types';
import { excerpt, formatCost, formatTime } from '@/features/history/utils/format';

export function MessagesCards({ messages, linkSearch = '' }: { messages: Message[]; linkSearch?: string }) {
  return (
    <ul className="space-y-3" aria-label="Messages">
      {messages.map((message) => (
        <li
          key={message.id}
          data-message-id={message.id}
          className="relative rounded-lg border border-gray-200 bg-white p-3 focus-within:ring-2 focus-within:ring-indigo-600 dark:border-gray-800 dark:bg-gray-900"
        >
          <div className="flex items-center justify-between gap-2">
            <Link
              className="font-mono font-medium text-indigo-800 underline underline-offset-2 after:absolute after:inset-0 focus-visible:outline-none dark:text-indigo-200"
              to={paths.message.getHref(message.id) + linkSearch}
            >
              {message.to || message.id}
            </Link>
            <StateBadge state={message.state} />
          </div>
          <p className="mt-1 text-sm break-words text-gray-900 dark:text-gray-100">
            {excerpt(message.text, 80) || <span className="text-gray-700 dark:text-gray-300">(no text)</span>}
          </p>
          <p className="mt-1 flex justify-between gap-2 text-sm text-gray-700 dark:text-gray-300">
            <time dateTime={message.createdAt}>{formatTime(message.createdAt)}</time>
            <span className="tabular-nums">{formatCost(message.totalAmount)}</span>
          </p>
        </li>
      ))}
    </ul>
  );
}
