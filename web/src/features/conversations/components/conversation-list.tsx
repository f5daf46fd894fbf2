// The list of conversations: search by number or text, newest activity first, the last message,
// its time and the unread count. Arrow keys (and Home/End) move between conversations; Tab
// leaves the list.
import type { KeyboardEvent } from 'react';
import { Link } from 'react-router';
import { Button } from '@/components/ui/button/button';
import { Spinner } from '@/components/ui/spinner/spinner';
import { paths } from '@/config/paths';
import type { Conversation } from '@/features/conversations/types';
import { previewText } from '@/features/conversations/utils/conversation-state';
import { formatTime } from '@/features/history/utils/format';

type ConversationListProps = {
  conversations: Conversation[];
  selectedId: string | undefined;
  isLoading: boolean;
  searching: boolean;
  hasMore: boolean;
  isLoadingMore: boolean;
  onLoadMore: () => void;
};

// Moves focus between the list's links without trapping Tab.
function handleArrowKeys(event: KeyboardEvent<HTMLUListElement>) {
  const keys = ['ArrowDown', 'ArrowUp', 'Home', 'End'];
  if (!keys.includes(event.key)) return;
  const links = [...event.currentTarget.querySelectorAll<HTMLAnchorElement>('a[data-conversation-link]')];
  if (links.length === 0) return;
  const index = links.indexOf(document.activeElement as HTMLAnchorElement);
  const next =
    event.key === 'Home' ? 0 : event.key === 'End' ? links.length - 1 : event.key === 'ArrowDown' ? Math.min(links.length - 1, index + 1) : Math.max(0, index - 1);
  event.preventDefault();
  links[next]?.focus();
}

export function ConversationList({ conversations, selectedId, isLoading, searching, hasMore, isLoadingMore, onLoadMore }: ConversationListProps) {
  if (isLoading) {
    return (
      <p className="flex items-center gap-2 p-3 text-sm text-gray-700 dark:text-gray-300">
        <Spinner /> Loading conversations…
      </p>
    );
  }
  if (conversations.length === 0) {
    return (
      <p className="m-3 rounded-lg border border-dashed border-gray-400 p-4 text-center text-sm text-gray-700 dark:border-gray-600 dark:text-gray-300">
        {searching ? 'No conversation matches this search.' : 'No conversations yet. When someone texts one of your numbers, or you send a message, it appears here.'}
      </p>
    );
  }
  return (
    <>
      <ul aria-label="Conversations" className="divide-y divide-gray-200 dark:divide-gray-800" onKeyDown={handleArrowKeys}>
        {conversations.map((conversation) => {
          const selected = conversation.id === selectedId;
          const unread = conversation.unreadCount;
          return (
            <li key={conversation.id}>
              <Link
                to={paths.conversation.getHref(conversation.id)}
                data-conversation-link
                aria-current={selected ? 'page' : undefined}
                className={`block px-3 py-3 focus-visible:outline-2 focus-visible:-outline-offset-2 focus-visible:outline-indigo-600 dark:focus-visible:outline-indigo-300 ${
                  selected ? 'bg-indigo-50 dark:bg-indigo-950' : 'hover:bg-gray-50 dark:hover:bg-gray-800'
                }`}
              >
                <span className="flex items-baseline justify-between gap-2">
                  <span className={`font-mono text-sm ${unread > 0 ? 'font-bold' : 'font-medium'} text-gray-900 dark:text-gray-50`}>{conversation.theirNumber}</span>
                  <time dateTime={conversation.lastMessage?.at ?? conversation.updatedAt} className="text-xs whitespace-nowrap text-gray-700 dark:text-gray-300">
                    {formatTime(conversation.lastMessage?.at ?? conversation.updatedAt)}
                  </time>
                </span>
                <span className="mt-1 flex items-center justify-between gap-2">
                  <span className={`truncate text-sm ${unread > 0 ? 'font-semibold text-gray-900 dark:text-gray-50' : 'text-gray-700 dark:text-gray-300'}`}>
                    {previewText(conversation)}
                  </span>
                  {unread > 0 ? (
                    <span className="rounded-full bg-indigo-700 px-2 py-0.5 text-xs font-bold text-white tabular-nums dark:bg-indigo-500 dark:text-gray-950">
                      {unread}
                      <span className="sr-only"> unread</span>
                    </span>
                  ) : null}
                </span>
              </Link>
            </li>
          );
        })}
      </ul>
      {hasMore ? (
        <div className="p-3">
          <Button variant="secondary" onClick={onLoadMore} disabled={isLoadingMore} isLoading={isLoadingMore}>
            {isLoadingMore ? 'Loading…' : 'Load more'}
          </Button>
        </div>
      ) : null}
    </>
  );
}
