// The signed-in user's number of unread incoming messages, across conversations: shown in the
// navigation and the tab title, kept current by the live stream (an incoming message, a thread
// read here or in another tab) and by the answer of marking a thread read. Kept small: the
// navigation is part of every page's first load.
import { useEffect, useSyncExternalStore } from 'react';
import { useEventStream } from '@/hooks/use-event-stream';
import { apiRequest } from '@/lib/api-client';

let unreadTotal: number | null = null;
const listeners = new Set<() => void>();
let inFlight: Promise<void> | null = null;
let again = false;

export function setUnreadTotal(value: number): void {
  const next = Math.max(0, Math.floor(value));
  if (next === unreadTotal) return;
  unreadTotal = next;
  for (const listener of [...listeners]) listener();
}

export function getUnreadTotal(): number | null {
  return unreadTotal;
}

// One request at a time; a refresh asked for meanwhile runs once after it, so bursts of events
// cost at most two requests and the last answer is current.
export function refreshUnreadTotal(): Promise<void> {
  if (inFlight) {
    again = true;
    return inFlight;
  }
  inFlight = apiRequest<{ unreadTotal?: unknown }>('/api/conversations?limit=1')
    .then(
      (response) => {
        const value = response.data?.unreadTotal;
        if (typeof value === 'number') setUnreadTotal(value);
      },
      () => {
        // No badge rather than a wrong one; the next event tries again.
      },
    )
    .finally(() => {
      inFlight = null;
      if (again) {
        again = false;
        void refreshUnreadTotal();
      }
    });
  return inFlight;
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

// For tests.
export function resetUnreadTotal(): void {
  unreadTotal = null;
  inFlight = null;
  again = false;
}

export function useUnreadTotal(): number | null {
  const value = useSyncExternalStore(subscribe, getUnreadTotal);
  useEffect(() => {
    void refreshUnreadTotal();
  }, []);
  const refresh = () => void refreshUnreadTotal();
  useEventStream({ inbound: refresh, conversation: refresh, onOpen: refresh });
  return value;
}
