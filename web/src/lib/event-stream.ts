// The one Server-Sent Events connection a tab keeps to /api/messages/stream, shared by every part
// of the page that follows it (the navigation's unread badge, the history, a conversation, a send
// result): a browser allows only six connections per host, and each open stream holds one.
// It opens with the first subscriber and closes with the last. The browser reconnects by itself
// after a dropped connection; a refused one (e.g. 401) or the end of the session (any API answer
// 401) closes it for good, which subscribers see as 'closed'.
import { apiUrl, sessionEndedEvent } from '@/lib/api-client';

export type StreamState = 'connecting' | 'live' | 'closed';

// `message`: a sent message changed (the default SSE event type); `inbound`: a message arrived;
// `conversation`: a conversation's summary changed (a new outbound message, marked read);
// `media`: a received picture was copied (or refused) in the background.
export const streamEventTypes = ['message', 'inbound', 'conversation', 'media'] as const;
export type StreamEventType = (typeof streamEventTypes)[number];

export type StreamSubscriber = {
  onEvent: (type: StreamEventType, data: unknown) => void;
  // Runs whenever the stream (re)connects: what was published before that was not seen.
  onOpen: () => void;
  onState: (state: StreamState) => void;
};

let source: EventSource | null = null;
let state: StreamState = 'connecting';
const subscribers = new Set<StreamSubscriber>();

function announce(next: StreamState): void {
  state = next;
  for (const subscriber of [...subscribers]) subscriber.onState(next);
}

function parseData(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    // Comments and keep-alives are not JSON; they carry nothing.
    return undefined;
  }
}

function closeForGood(): void {
  source?.close();
  announce('closed');
}

function open(): void {
  if (typeof EventSource === 'undefined') {
    announce('closed');
    return;
  }
  state = 'connecting';
  const created = new EventSource(apiUrl('/api/messages/stream'), { withCredentials: true });
  source = created;
  created.onopen = () => {
    announce('live');
    for (const subscriber of [...subscribers]) subscriber.onOpen();
  };
  created.onerror = () => announce(created.readyState === EventSource.CLOSED ? 'closed' : 'connecting');
  const dispatch = (type: StreamEventType) => (event: MessageEvent<string>) => {
    const data = parseData(event.data);
    if (data === undefined) return;
    for (const subscriber of [...subscribers]) subscriber.onEvent(type, data);
  };
  created.onmessage = dispatch('message');
  for (const type of streamEventTypes) if (type !== 'message') created.addEventListener(type, dispatch(type) as EventListener);
  window.addEventListener(sessionEndedEvent, closeForGood);
}

export function subscribeToStream(subscriber: StreamSubscriber): () => void {
  subscribers.add(subscriber);
  if (source === null) open();
  else subscriber.onState(state);
  return () => {
    subscribers.delete(subscriber);
    if (subscribers.size > 0) return;
    window.removeEventListener(sessionEndedEvent, closeForGood);
    source?.close();
    source = null;
  };
}
