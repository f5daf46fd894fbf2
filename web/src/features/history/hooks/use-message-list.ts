// The history list: first page for the current filters, "Load more" through the cursor, and live
// updates merged into the rows already shown.
import { useCallback, useEffect, useRef, useState } from 'react';
import { getMessages } from '@/features/history/api/get-messages';
import type { MessageUpdate } from '@/features/history/api/message-stream';
import type { Message, MessageFilters } from '@/features/history/types';
import { hasActiveFilters } from '@/features/history/utils/filters';
import { applyMessageUpdate, parseMessage } from '@/features/history/utils/parse-message';
import { whenSettled } from '@/lib/errors';

type ListState = {
  messages: Message[];
  nextCursor: string | null;
  isLoading: boolean;
  isLoadingMore: boolean;
  error: Error | undefined;
};

const initialState: ListState = { messages: [], nextCursor: null, isLoading: true, isLoadingMore: false, error: undefined };

// Keeps the rows' order and drops ids already shown (a message sent while paging can shift pages).
export function appendPage(current: Message[], page: Message[]): Message[] {
  const seen = new Set(current.map((message) => message.id));
  return [...current, ...page.filter((message) => !seen.has(message.id))];
}

// Brings the rows up to date with a fresh first page (fetched when the live stream (re)opens: the
// events published before it were not seen). A row is replaced only by a version at least as new
// (the stream may have moved it on while the page was on its way); messages not shown go on top.
export function mergeFreshPage(current: Message[], page: Message[]): Message[] {
  const fresh = new Map(page.map((message) => [message.id, message]));
  const shown = new Set(current.map((message) => message.id));
  const updated = current.map((message) => {
    const candidate = fresh.get(message.id);
    return candidate && Date.parse(candidate.updatedAt) >= Date.parse(message.updatedAt) ? candidate : message;
  });
  return [...page.filter((message) => !shown.has(message.id)), ...updated];
}

// Applies a stream event: updates the row it names, or adds a new message on top when the list is
// unfiltered (a filtered list cannot tell whether the new message belongs in it).
export function mergeUpdate(messages: Message[], update: MessageUpdate, filtered: boolean): Message[] {
  const index = messages.findIndex((message) => message.id === update.id);
  if (index >= 0) return messages.map((message, position) => (position === index ? applyMessageUpdate(message, update) : message));
  const complete = typeof update.to === 'string' && typeof update.createdAt === 'string';
  return !filtered && complete ? [parseMessage(update), ...messages] : messages;
}

export function useMessageList(filters: MessageFilters) {
  const [state, setState] = useState<ListState>(initialState);
  // Bumped to load the first page again from scratch (see refresh).
  const [generation, setGeneration] = useState(0);
  const isLoading = useRef(true);
  useEffect(() => {
    isLoading.current = state.isLoading;
  }, [state.isLoading]);
  const filtersKey = JSON.stringify(filters);
  // The filters and request of the list on screen, for "Load more" and stream updates.
  const current = useRef({ filters, controller: null as AbortController | null });

  useEffect(() => {
    const activeFilters = JSON.parse(filtersKey) as MessageFilters;
    const controller = new AbortController();
    current.current = { filters: activeFilters, controller };
    setState({ ...initialState });
    whenSettled(
      getMessages(activeFilters, null, controller.signal),
      (page) => setState({ ...initialState, messages: page.messages, nextCursor: page.nextCursor, isLoading: false }),
      (error) => setState({ ...initialState, isLoading: false, error }),
    );
    return () => controller.abort();
  }, [filtersKey, generation]);

  const loadMore = useCallback(() => {
    const cursor = state.nextCursor;
    if (!cursor || state.isLoadingMore) return;
    const signal = current.current.controller?.signal;
    setState((previous) => ({ ...previous, isLoadingMore: true, error: undefined }));
    whenSettled(
      getMessages(current.current.filters, cursor, signal),
      (page) =>
        setState((previous) => ({
          ...previous,
          messages: appendPage(previous.messages, page.messages),
          nextCursor: page.nextCursor,
          isLoadingMore: false,
        })),
      (error) => setState((previous) => ({ ...previous, isLoadingMore: false, error })),
    );
  }, [state.nextCursor, state.isLoadingMore]);

  const applyUpdate = useCallback(
    (update: MessageUpdate) =>
      setState((previous) => ({
        ...previous,
        messages: mergeUpdate(previous.messages, update, hasActiveFilters(current.current.filters)),
      })),
    [],
  );

  // For the live stream's (re)opening. While the first page is still loading it is loaded again (its
  // answer may predate what the stream missed; nothing else is shown yet), else merged in.
  const refresh = useCallback(() => {
    if (isLoading.current) {
      setGeneration((value) => value + 1);
      return;
    }
    whenSettled(
      getMessages(current.current.filters, null, current.current.controller?.signal),
      (page) => setState((previous) => ({ ...previous, messages: mergeFreshPage(previous.messages, page.messages) })),
      (error) => setState((previous) => ({ ...previous, error })),
    );
  }, []);

  return { ...state, loadMore, applyUpdate, refresh };
}
