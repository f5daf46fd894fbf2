// Message updates from the live stream (GET /api/messages/stream, Server-Sent Events): each
// `message` event is a JSON message update {"id","state","updatedAt",…}. The connection is the
// tab's shared one (lib/event-stream.ts).
import { useEventStream } from '@/hooks/use-event-stream';
import type { StreamState } from '@/lib/event-stream';

export type MessageUpdate = Record<string, unknown> & { id: string };
export type { StreamState };

export function asMessageUpdate(value: unknown): MessageUpdate | null {
  return value && typeof value === 'object' && typeof (value as { id?: unknown }).id === 'string' ? (value as MessageUpdate) : null;
}

// `onOpen` runs whenever the stream (re)connects: updates published before that were not seen, so
// a page showing data it loaded earlier reloads it then.
export function useMessageStream(onUpdate: (update: MessageUpdate) => void, onOpen?: () => void): StreamState {
  return useEventStream({
    message: (data) => {
      const update = asMessageUpdate(data);
      if (update) onUpdate(update);
    },
    onOpen,
  });
}
