// The conversation list: first page for the search, "Load more" through the cursor, live changes
// from the stream (an incoming message, a new sent one, a thread read elsewhere) and a catch-up
// when the stream (re)opens.
import { useCallback, useEffect, useRef, useState } from 'react';
import { getConversations } from '@/features/conversations/api/conversations';
import type { Conversation } from '@/features/conversations/types';
import {
  appendConversations,
  markReadLocally,
  mergeConversationPage,
  upsertConversation,
} from '@/features/conversations/utils/conversation-state';
import { isReadEvent, parseStreamConversation } from '@/features/conversations/utils/parse-conversation';
import { setUnreadTotal } from '@/features/conversations/hooks/use-unread-total';
import { useEventStream } from '@/hooks/use-event-stream';
import { whenSettled } from '@/lib/errors';

type ListState = {
  conversations: Conversation[];
  nextCursor: string | null;
  isLoading: boolean;
  isLoadingMore: boolean;
  error: Error | undefined;
};

const initialState: ListState = { conversations: [], nextCursor: null, isLoading: true, isLoadingMore: false, error: undefined };


export function useConversationList(search: string) {
  const [state, setState] = useState<ListState>(initialState);
  const current = useRef({ search, controller: null as AbortController | null });

  useEffect(() => {
    const controller = new AbortController();
    current.current = { search, controller };
    setState(initialState);
    whenSettled(
      getConversations({ q: search }, controller.signal),
      (page) => {
        setUnreadTotal(page.unreadTotal);
        setState({ ...initialState, conversations: page.conversations, nextCursor: page.nextCursor, isLoading: false });
      },
      (error) => setState({ ...initialState, isLoading: false, error }),
    );
    return () => controller.abort();
  }, [search]);

  const loadMore = useCallback(() => {
    const cursor = state.nextCursor;
    if (!cursor || state.isLoadingMore) return;
    setState((previous) => ({ ...previous, isLoadingMore: true, error: undefined }));
    whenSettled(
      getConversations({ q: current.current.search, cursor }, current.current.controller?.signal),
      (page) =>
        setState((previous) => ({
          ...previous,
          conversations: appendConversations(previous.conversations, page.conversations),
          nextCursor: page.nextCursor,
          isLoadingMore: false,
        })),
      (error) => setState((previous) => ({ ...previous, isLoadingMore: false, error })),
    );
  }, [state.nextCursor, state.isLoadingMore]);

  const upsert = useCallback((data: unknown, arrived: boolean) => {
    const conversation = parseStreamConversation(data);
    if (!conversation) return;
    const searching = current.current.search.trim() !== '';
    setState((previous) => ({ ...previous, conversations: upsertConversation(previous.conversations, conversation, { searching, arrived }) }));
  }, []);

  const refresh = useCallback(() => {
    whenSettled(
      getConversations({ q: current.current.search }, current.current.controller?.signal),
      (page) => {
        setUnreadTotal(page.unreadTotal);
        setState((previous) => ({ ...previous, isLoading: false, conversations: mergeConversationPage(previous.conversations, page.conversations) }));
      },
      (error) => setState((previous) => ({ ...previous, error })),
    );
  }, []);

  const markRead = useCallback((id: string) => {
    setState((previous) => ({ ...previous, conversations: markReadLocally(previous.conversations, id) }));
  }, []);

  const streamState = useEventStream({
    inbound: (data) => upsert(data, true),
    // Read by someone (maybe this user in another tab): only the server knows each user's counts.
    conversation: (data) => (isReadEvent(data) ? refresh() : upsert(data, false)),
    onOpen: refresh,
  });

  return { ...state, loadMore, markRead, streamState };
}
