// The delivery events as one entry per state: the dispatcher's answer and Plivo's report of the
// same state are one step for a person, dated by the first; sources and error details are merged.
import type { DeliveryEvent, MessageState } from '@/features/history/types';

export type TimelineEntry = {
  state: MessageState;
  occurredAt: string;
  sources: string[];
  errorCode: string | number | null;
  errorMeaning: string | null;
};

export function timelineEntries(events: DeliveryEvent[]): TimelineEntry[] {
  const entries: TimelineEntry[] = [];
  const byState = new Map<MessageState, TimelineEntry>();
  for (const event of events) {
    const existing = byState.get(event.state);
    if (existing) {
      if (event.source && !existing.sources.includes(event.source)) existing.sources.push(event.source);
      existing.errorCode ??= event.errorCode;
      existing.errorMeaning ??= event.errorMeaning;
      continue;
    }
    const entry: TimelineEntry = {
      state: event.state,
      occurredAt: event.occurredAt,
      sources: event.source ? [event.source] : [],
      errorCode: event.errorCode,
      errorMeaning: event.errorMeaning,
    };
    byState.set(event.state, entry);
    entries.push(entry);
  }
  return entries;
}
