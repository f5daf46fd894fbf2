// The open conversation: who it is with, the messages in time order (older ones on demand, new
// ones live), the reply box and, in sandbox mode, "Simulate a reply". It marks itself read while
// visible.
import { useEffect, useRef } from 'react';
import { Link } from 'react-router';
import { Alert } from '@/components/ui/alert/alert';
import { Button } from '@/components/ui/button/button';
import { Spinner } from '@/components/ui/spinner/spinner';
import { paths } from '@/config/paths';
import { ReplyComposer } from '@/features/conversations/components/reply-composer';
import { SimulateReply } from '@/features/conversations/components/simulate-reply';
import { ThreadMessageItem } from '@/features/conversations/components/thread-message';
import { useMarkReadWhenVisible } from '@/features/conversations/hooks/use-mark-read';
import { useThread } from '@/features/conversations/hooks/use-thread';
import { ApiError } from '@/lib/api-client';
import { canSend, useRole } from '@/lib/role';

const linkClass =
  'font-semibold text-indigo-800 underline underline-offset-2 hover:no-underline focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600 dark:text-indigo-200 dark:focus-visible:outline-indigo-300';

type ThreadViewProps = { id: string; owner: string; sandbox: boolean; onRead: (id: string) => void };

function BackLink() {
  return (
    <Link className={`${linkClass} md:hidden`} to={paths.conversations.getHref()}>
      ← Conversations
    </Link>
  );
}

// Keyed by id where it is used, so another conversation starts fresh.
export function ThreadView({ id, owner, sandbox, onRead }: ThreadViewProps) {
  const role = useRole();
  const thread = useThread(id);
  const scroller = useRef<HTMLDivElement | null>(null);
  const conversation = thread.conversation;

  useMarkReadWhenVisible(id, conversation?.unreadCount ?? 0, (result) => {
    thread.setUnread(result.unreadCount);
    onRead(id);
  });

  // New messages at the end (the first page, an arrival, a reply sent) bring the end into view.
  useEffect(() => {
    const element = scroller.current;
    if (!element || thread.arrivals === 0) return;
    element.scrollTop = element.scrollHeight;
    element.lastElementChild?.lastElementChild?.scrollIntoView?.({ block: 'nearest' });
  }, [thread.arrivals]);

  if (thread.isLoading && !conversation) {
    return (
      <p className="flex items-center gap-2 p-4 text-sm text-gray-700 dark:text-gray-300" role="status">
        <Spinner /> Loading conversation…
      </p>
    );
  }
  if (!conversation) {
    const notFound = thread.error instanceof ApiError && thread.error.kind === 'not-found';
    return (
      <div className="space-y-3 p-4">
        <BackLink />
        {notFound ? (
          <>
            <h2 className="text-lg font-semibold text-gray-900 dark:text-gray-50">Conversation not found</h2>
            <p className="text-gray-800 dark:text-gray-200">There is no such conversation. The link may be wrong or incomplete.</p>
          </>
        ) : (
          <Alert tone="error">{thread.error?.message ?? 'The conversation could not be loaded.'}</Alert>
        )}
      </div>
    );
  }

  return (
    <div className="flex min-h-0 flex-1 flex-col">
      <div className="border-b border-gray-200 p-3 dark:border-gray-800">
        <BackLink />
        <h2 className="mt-1 text-lg font-semibold break-words text-gray-900 md:mt-0 dark:text-gray-50">
          <span className="sr-only">Conversation with </span>
          <span className="font-mono">{conversation.theirNumber}</span>
        </h2>
        <p className="text-sm text-gray-700 dark:text-gray-300">
          With your number <span className="font-mono">{conversation.ourNumber}</span>
        </p>
      </div>
      <div ref={scroller} className="min-h-48 flex-1 overflow-y-auto p-3" tabIndex={0} role="region" aria-label="Messages of this conversation">
        {thread.olderCursor ? (
          <div className="mb-3 text-center">
            <Button variant="secondary" onClick={thread.loadOlder} disabled={thread.isLoadingOlder} isLoading={thread.isLoadingOlder}>
              {thread.isLoadingOlder ? 'Loading…' : 'Show older messages'}
            </Button>
          </div>
        ) : null}
        {thread.messages.length === 0 ? (
          <p className="text-center text-sm text-gray-700 dark:text-gray-300">No messages in this conversation yet.</p>
        ) : (
          <ol aria-label="Messages" className="space-y-3">
            {thread.messages.map((message) => (
              <ThreadMessageItem key={message.id} message={message} />
            ))}
          </ol>
        )}
      </div>
      {thread.error ? <Alert tone="error" className="mx-3">{thread.error.message}</Alert> : null}
      <div className="space-y-3 border-t border-gray-200 p-3 dark:border-gray-800">
        {canSend(role) ? <ReplyComposer key={conversation.id} conversation={conversation} owner={owner} onSent={thread.refresh} /> : null}
        {sandbox ? <SimulateReply conversation={conversation} /> : null}
      </div>
    </div>
  );
}
