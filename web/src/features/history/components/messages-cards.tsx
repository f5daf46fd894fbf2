// The history as a list of cards for narrow screens: each message's recipient, state, time and
// cost stay visible without sideways scrolling (the table needs about 680 px). The recipients of
// one send share a card with the send's total cost.
import { Link } from 'react-router';
import { paths } from '@/config/paths';
import { ScheduledTime } from '@/features/history/components/scheduled-time';
import { StateBadge } from '@/features/history/components/state-badge';
import type { Message } from '@/features/history/types';
import { excerpt, formatCost, formatTime } from '@/features/history/utils/format';
import { groupBySend } from '@/features/history/utils/group-by-send';
import { MediaThumbnails } from '@/features/media-upload/components/media-thumbnails';

const linkClass = 'font-mono font-medium text-indigo-800 underline underline-offset-2 focus-visible:outline-2 focus-visible:outline-indigo-600 dark:text-indigo-200';

export function MessagesCards({ messages, linkSearch = '' }: { messages: Message[]; linkSearch?: string }) {
  return (
    <ul className="space-y-3" aria-label="Messages">
      {groupBySend(messages).map((group) => {
        const [first] = group.messages;
        if (!first) return null;
        const several = group.messages.length > 1;
        return (
          <li key={group.key} data-message-id={first.id} className="rounded-lg border border-gray-200 bg-white p-3 dark:border-gray-800 dark:bg-gray-900">
            {several ? <p className="text-sm font-semibold text-gray-800 dark:text-gray-200">One send to {group.messages.length} recipients</p> : null}
            <ul className={several ? 'mt-1 space-y-1' : ''}>
              {group.messages.map((message) => (
                <li key={message.id} className="flex items-center justify-between gap-2">
                  <Link className={linkClass} to={paths.message.getHref(message.id) + linkSearch}>
                    {message.to || message.id}
                  </Link>
                  <span className="text-right">
                    <StateBadge state={message.state} />
                    <ScheduledTime message={message} />
                  </span>
                </li>
              ))}
            </ul>
            <p className="mt-1 text-sm break-words text-gray-900 dark:text-gray-100">
              {excerpt(first.text, 80) || <span className="text-gray-700 dark:text-gray-300">(no text)</span>}
            </p>
            <MediaThumbnails media={first.media} label={`Pictures sent to ${first.to}`} size="small" />
            <p className="mt-1 flex justify-between gap-2 text-sm text-gray-700 dark:text-gray-300">
              <time dateTime={first.createdAt}>{formatTime(first.createdAt)}</time>
              <span className="tabular-nums">{several ? `Total ${formatCost(group.totalAmount)}` : formatCost(first.totalAmount)}</span>
            </p>
          </li>
        );
      })}
    </ul>
  );
}
