// One conversation's thread: the newest page, older pages on demand, received messages appended
// live, sent messages' states followed live, and a catch-up when the stream (re)opens or the
// conversation changes elsewhere (a reply sent from another tab).
import { useCallback, useEffect, useRef, useState } from 'react';
import { getThread } from '@/features/conversations/api/conversations';
import type { Conversation, ThreadMessage } from '@/features/conversations/types';
import { applyMediaUpdate, applyStateUpdate, mergeMessages } from '@/features/conversations/utils/conversation-state';
import { isReadEvent, parseMediaUpdate, parseStreamConversation, parseStreamInbound } from '@/features/conversations/utils/parse-conversation';
import { asMessageUpdate } from '@/features/history/api/message-stream';
import { useEventStream } from '@/hooks/use-event-stream';
import { whenSettled } from '@/lib/errors';

type ThreadState = {
  conversation: Conversation | undefined;
  messages: ThreadMessage[];
  // Cursor for the older messages, null once the first message is shown.
  olderCursor: string | null;
  isLoading: boolean;
  isLoadingOlder: boolean;
  error: Error | undefined;
  // Bumped when a message is added at the end (the view scrolls down for it).
  arrivals: number;
};

const initialState: ThreadState = {
  conversation: undefined,
  messages: [],
  olderCursor: null,
  isLoading: true,
  isLoadingOlder: false,
  error: undefined,
  arrivals: 0,
};


// Mounted per conversation (keyed by id where it is used).
export function useThread(id: string) {
  const [state, setState] = useState<ThreadState>(initialState);
  const controller = useRef<AbortController | null>(null);

  useEffect(() => {
    const active = new AbortController();
    controller.current = active;
    whenSettled(
      getThread(id, null, active.signal),
      (thread) =>
        setState({
          ...initialState,
          conversation: thread.conversation,
          messages: mergeMessages([], thread.messages),
          olderCursor: thread.nextCursor,
          isLoading: false,
          arrivals: 1,
        }),
      (error) => setState({ ...initialState, isLoading: false, error }),
    );
    return () => active.abort();
  }, [id]);

  // The newest page again, merged into what is shown (older pages stay).
  const refresh = useCallback(() => {
    whenSettled(
      getThread(id, null, controller.current?.signal),
      (thread) =>
        setState((previous) => {
          const messages = mergeMessages(previous.messages, thread.messages);
          const grew = messages.length > previous.messages.length;
          return {
            ...previous,
            conversation: thread.conversation,
            messages,
            olderCursor: previous.isLoading ? thread.nextCursor : previous.olderCursor,
            isLoading: false,
            error: undefined,
            arrivals: grew ? previous.arrivals + 1 : previous.arrivals,
          };
        }),
      (error) => setState((previous) => ({ ...previous, isLoading: false, error })),
    );
  }, [id]);

  const loadOlder = useCallback(() => {
    const cursor = state.olderCursor;
    if (!cursor || state.isLoadingOlder) return;
    setState((previous) => ({ ...previous, isLoadingOlder: true }));
    whenSettled(
      getThread(id, cursor, controller.current?.signal),
      (thread) =>
        setState((previous) => ({
          ...previous,
          messages: mergeMessages(previous.messages, thread.messages),
          olderCursor: thread.nextCursor,
          isLoadingOlder: false,
        })),
      (error) => setState((previous) => ({ ...previous, isLoadingOlder: false, error })),
    );
  }, [id, state.olderCursor, state.isLoadingOlder]);

  const setUnread = useCallback((unreadCount: number) => {
    setState((previous) => (previous.conversation ? { ...previous, conversation: { ...previous.conversation, unreadCount } } : previous));
  }, []);

  const streamState = useEventStream({
    inbound: (data) => {
      const event = parseStreamInbound(data);
      if (!event || event.conversation.id !== id) return;
      setState((previous) => {
        if (previous.messages.some((message) => message.id === event.message.id)) return previous;
        const shown = previous.conversation;
        // The event cannot know this user's count: one more than shown.
        const unreadCount = (shown?.unreadCount ?? 0) + 1;
        return {
          ...previous,
          conversation: { ...(shown ?? event.conversation), lastMessage: event.conversation.lastMessage, unreadCount },
          messages: mergeMessages(previous.messages, [event.message]),
          arrivals: previous.arrivals + 1,
        };
      });
    },
    conversation: (data) => {
      // A reply sent elsewhere; this page's own reads change nothing shown.
      if (parseStreamConversation(data)?.id === id && !isReadEvent(data)) refresh();
    },
    media: (data) => {
      const update = parseMediaUpdate(data);
      if (update) setState((previous) => ({ ...previous, messages: applyMediaUpdate(previous.messages, update) }));
    },
    message: (data) => {
      const update = asMessageUpdate(data);
      if (update) setState((previous) => ({ ...previous, messages: applyStateUpdate(previous.messages, update) }));
    },
    onOpen: refresh,
  });

  return { ...state, refresh, loadOlder, setUnread, streamState };
}
