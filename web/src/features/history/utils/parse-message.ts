// Reads message JSON defensively: a missing or odd field shows as empty rather than breaking the page.
import { messageStates, type Message, type DeliveryEvent, type MessageState } from '@/features/history/types';
import { parseSentMedia } from '@/features/media-upload/utils/parse-media';

type Json = Record<string, unknown>;

const asString = (value: unknown): string => (typeof value === 'string' ? value : value == null ? '' : String(value));
const asNullableString = (value: unknown): string | null => (value == null || value === '' ? null : asString(value));
const asNullableNumber = (value: unknown): number | null => {
  if (value == null || value === '') return null;
  const number = typeof value === 'number' ? value : Number(value);
  return Number.isFinite(number) ? number : null;
};
const asCode = (value: unknown): string | number | null =>
  typeof value === 'number' || (typeof value === 'string' && value !== '') ? value : null;

export function parseState(value: unknown): MessageState {
  return (messageStates as readonly string[]).includes(value as string) ? (value as MessageState) : 'unknown';
}

export function parseMessage(value: unknown): Message {
  const json = (value ?? {}) as Json;
  return {
    id: asString(json.id),
    to: asString(json.to),
    from: asString(json.from),
    text: asString(json.text),
    // An uploaded picture is named "plivo-media:<id>" among the links; it shows as `media` instead.
    mediaUrls: Array.isArray(json.mediaUrls) ? json.mediaUrls.map(asString).filter((url) => !url.startsWith('plivo-media:')) : [],
    media: parseSentMedia(json.media),
    state: parseState(json.state),
    plivoUuid: asNullableString(json.plivoUuid),
    errorCode: asCode(json.errorCode),
    error: asNullableString(json.error),
    createdAt: asString(json.createdAt),
    updatedAt: asString(json.updatedAt),
    scheduledFor: asNullableString(json.scheduledFor),
    requestId: asString(json.requestId),
    units: asNullableNumber(json.units),
    totalAmount: asNullableString(json.totalAmount),
    conversationId: asNullableString(json.conversationId),
  };
}

export function parseDeliveryEvent(value: unknown): DeliveryEvent {
  const json = (value ?? {}) as Json;
  return {
    state: parseState(json.state),
    errorCode: asCode(json.errorCode),
    errorMeaning: asNullableString(json.errorMeaning),
    source: asString(json.source),
    units: asNullableNumber(json.units),
    totalAmount: asNullableString(json.totalAmount),
    occurredAt: asString(json.occurredAt),
  };
}

// A stream event carries the id, the new state and updatedAt, often with the other fields too.
// Only the fields present are applied, so a short event never blanks a row.
export function applyMessageUpdate(message: Message, update: Json): Message {
  const next: Message = { ...message };
  if ('state' in update) next.state = parseState(update.state);
  if ('updatedAt' in update) next.updatedAt = asString(update.updatedAt);
  if ('scheduledFor' in update) next.scheduledFor = asNullableString(update.scheduledFor);
  if ('plivoUuid' in update) next.plivoUuid = asNullableString(update.plivoUuid);
  if ('errorCode' in update) next.errorCode = asCode(update.errorCode);
  if ('error' in update) next.error = asNullableString(update.error);
  if ('units' in update) next.units = asNullableNumber(update.units);
  if ('totalAmount' in update) next.totalAmount = asNullableString(update.totalAmount);
  return next;
}
