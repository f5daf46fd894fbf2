// Follows the tab's shared live stream (lib/event-stream.ts) while the component is mounted. The
// handlers may change on every render; the latest ones are called.
import { useEffect, useRef, useState } from 'react';
import { subscribeToStream, type StreamEventType, type StreamState } from '@/lib/event-stream';

export type StreamHandlers = Partial<Record<StreamEventType, (data: unknown) => void>> & {
  // Runs whenever the stream (re)connects: data loaded earlier may have missed events.
  onOpen?: () => void;
};

export function useEventStream(handlers: StreamHandlers): StreamState {
  const [state, setState] = useState<StreamState>('connecting');
  const latest = useRef(handlers);
  useEffect(() => {
    latest.current = handlers;
  });
  useEffect(
    () =>
      subscribeToStream({
        onEvent: (type, data) => latest.current[type]?.(data),
        onOpen: () => latest.current.onOpen?.(),
        onState: setState,
      }),
    [],
  );
  return state;
}
