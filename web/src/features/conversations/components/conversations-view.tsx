// /conversations and /conversations/{id}: the list and the open thread side by side on wide
// screens; on a phone, two screens (the list, or the thread with a way back).
import { lazy, Suspense, useEffect, useRef, useState } from 'react';
import { useNavigate } from 'react-router';
import { Alert } from '@/components/ui/alert/alert';
import { controlClassName } from '@/components/ui/form-field/form-field';
import { PageLoading } from '@/components/ui/spinner/page-loading';
import { paths } from '@/config/paths';
import { ConversationList } from '@/features/conversations/components/conversation-list';
import { useConversationList } from '@/features/conversations/hooks/use-conversation-list';
import { useDebouncedValue } from '@/hooks/use-debounced-value';

// The thread and its reply box (with the send page's media fields) come just after the list, so
// the list shows with less code (decision 36's budget); they are fetched as soon as the page mounts.
const loadThreadView = () => import('@/features/conversations/components/thread-view');
const ThreadView = lazy(() => loadThreadView().then((module) => ({ default: module.ThreadView })));

const streamLabels = { connecting: 'Connecting to live updates…', live: 'Live updates on', closed: 'Live updates stopped. Reload the page to see new messages.' } as const;
const paneClass = 'rounded-lg border border-gray-200 bg-white shadow-sm dark:border-gray-800 dark:bg-gray-900';

type ConversationsViewProps = { selectedId: string | undefined; owner: string; sandbox: boolean; initialSearch?: string };

export function ConversationsView({ selectedId, owner, sandbox, initialSearch = '' }: ConversationsViewProps) {
  const [searchInput, setSearchInput] = useState(initialSearch);
  const search = useDebouncedValue(searchInput, 300).trim();
  const list = useConversationList(search);
  useEffect(() => {
    void loadThreadView();
  }, []);

  // Opened for one number (a message page links here when it does not know the conversation):
  // the one conversation with exactly that number opens by itself.
  const navigate = useNavigate();
  const openedFor = useRef<string | null>(null);
  useEffect(() => {
    if (selectedId || list.isLoading || !/^\+\d{6,15}$/.test(initialSearch) || search !== initialSearch || openedFor.current === initialSearch) return;
    openedFor.current = initialSearch;
    const matches = list.conversations.filter((conversation) => conversation.theirNumber === initialSearch);
    if (matches.length === 1 && matches[0]) void navigate(paths.conversation.getHref(matches[0].id), { replace: true });
  }, [selectedId, list.isLoading, list.conversations, initialSearch, search, navigate]);

  return (
    <div className="md:grid md:h-[calc(100vh-8.5rem)] md:min-h-[32rem] md:grid-cols-[20rem_minmax(0,1fr)] md:gap-4">
      <section aria-labelledby="conversations-heading" className={`${paneClass} min-h-0 flex-col ${selectedId ? 'hidden md:flex' : 'flex'}`}>
        <div className="space-y-2 border-b border-gray-200 p-3 dark:border-gray-800">
          <h1 id="conversations-heading" className="text-xl font-bold text-gray-900 dark:text-gray-50">
            Conversations
          </h1>
          <label htmlFor="conversation-search" className="block text-sm font-medium text-gray-900 dark:text-gray-100">
            Search by number or text
          </label>
          <input
            id="conversation-search"
            type="search"
            className={controlClassName}
            value={searchInput}
            placeholder="e.g. 0123 or invoice"
            onChange={(event) => setSearchInput(event.target.value)}
          />
          <p className="text-xs text-gray-700 dark:text-gray-300">
            <span
              aria-hidden="true"
              className={`mr-2 inline-block size-2 rounded-full ${list.streamState === 'live' ? 'bg-green-600' : list.streamState === 'closed' ? 'bg-red-600' : 'bg-gray-500'}`}
            />
            {streamLabels[list.streamState]}
          </p>
        </div>
        {list.error ? <Alert tone="error" className="m-3">{list.error.message}</Alert> : null}
        <div className="min-h-0 flex-1 overflow-y-auto">
          <ConversationList
            conversations={list.conversations}
            selectedId={selectedId}
            isLoading={list.isLoading}
            searching={search !== ''}
            hasMore={list.nextCursor !== null}
            isLoadingMore={list.isLoadingMore}
            onLoadMore={list.loadMore}
          />
        </div>
      </section>
      <section aria-label="Conversation" className={`${paneClass} min-h-0 flex-col ${selectedId ? 'flex' : 'hidden md:flex'}`}>
        {selectedId ? (
          <Suspense fallback={<PageLoading label="Loading conversation…" />}>
            <ThreadView key={selectedId} id={selectedId} owner={owner} sandbox={sandbox} onRead={list.markRead} />
          </Suspense>
        ) : (
          <p className="m-auto p-6 text-center text-gray-700 dark:text-gray-300">Choose a conversation to read it and reply.</p>
        )}
      </section>
    </div>
  );
}
