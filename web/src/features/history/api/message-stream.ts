// GET /api/messages/stream (Server-Sent Events): each event is a JSON message update
// {"id","state","updatedAt",…}. The browser reconnects by itself after a dropped connection; a
// refused one (e.g. 401) closes the stream for good, which the page reports.
import { useEffect, useRef, useState } from 'react';
import { apiUrl, sessionEndedEvent } from '@/lib/api-client';

export type MessageUpdate = Record<string, unknown> & { id: string };
export type StreamState = 'connecting' | 'live' | 'closed';

export function parseStreamData(data: string): MessageUpdate | null {
  try {
    const value = JSON.parse(data) as unknown;
    if (value && typeof value === 'object' && typeof (value as { id?: unknown }).id === 'string') return value as MessageUpdate;
  } catch {
    // Comments and keep-alives are not JSON; they carry no update.
  }
  return null;
}

// `onOpen` runs whenever the stream (re)connects: updates published before that were not seen, so
// a page showing data it loaded earlier reloads it then.
export function useMessageStream(onUpdate: (update: MessageUpdate) => void, onOpen?: () => void): StreamState {
  const [state, setState] = useState<StreamState>('connecting');
  const handler = useRef(onUpdate);
  const openHandler = useRef(onOpen);
  useEffect(() => {
    handler.current = onUpdate;
    openHandler.current = onOpen;
  });

  useEffect(() => {
    if (typeof EventSource === 'undefined') {
      setState('closed');
      return;
    }
    const source = new EventSource(apiUrl('/api/messages/stream'), { withCredentials: true });
    source.onopen = () => {
      setState('live');
      openHandler.current?.();
    };
    source.onerror = () => setState(source.readyState === EventSource.CLOSED ? 'closed' : 'connecting');
    source.onmessage = (event: MessageEvent<string>) => {
      const update = parseStreamData(event.data);
      if (update) handler.current(update);
    };
    // The session ended (the API said 401): the stream would not be reopened, say so now.
    const closeForGood = () => {
      source.close();
      setState('closed');
    };
    window.addEventListener(sessionEndedEvent, closeForGood);
    return () => {
      window.removeEventListener(sessionEndedEvent, closeForGood);
      source.close();
    };
  }, []);

  return state;
}
