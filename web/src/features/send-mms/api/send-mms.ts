// POST /api/send-mms with an Idempotency-Key. Every answer that says the message was stored (200,
// 202, any `success: true`, or a legacy 503/504 naming a retrying/unknown message) becomes a result,
// never an error: the message exists, and a second send would be a second, billed message.
import { ApiError, apiRequest } from '@/lib/api-client';

// transactional: not held by quiet hours (a code, a receipt); sent only when true.
// `uploadIds`: pictures uploaded to mmsgate (POST /api/uploads), sent beside the links.
export type SendMmsInput = { to: string[]; text: string; mediaUrls: string[]; transactional?: boolean; uploadIds?: string[] };

export type RecipientOutcome = { to: string; id: string; state: string };
// A recipient held for quiet hours, and when it goes (ISO, UTC).
export type ScheduledOutcome = { to: string; id: string; scheduledFor: string };

export type SendMmsResult = {
  // sent: Plivo accepted it. stored: mmsgate keeps it and is still sending or checking it.
  kind: 'sent' | 'stored';
  id: string;
  // The server's status word: queued/sent… for `sent`; pending, retrying, checking or unknown for `stored`.
  status: string;
  // The server's plain-language sentence, if it gave one.
  reason: string;
  sandbox: boolean;
  recipients: RecipientOutcome[];
  invalidNumbers: string[];
  scheduled: ScheduledOutcome[];
};

type SentBody = {
  id?: unknown;
  sandbox?: unknown;
  message?: unknown;
  reason?: unknown;
  error?: unknown;
  status?: unknown;
  recipients?: unknown;
  invalidNumbers?: unknown;
  scheduled?: unknown;
};

const storedStatuses = new Set(['pending', 'retrying', 'checking', 'unknown', 'scheduled']);

const strings = (value: unknown): string[] => (Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : []);
const text = (value: unknown): string => (typeof value === 'string' ? value : '');

function parseRecipients(value: unknown): RecipientOutcome[] {
  if (!Array.isArray(value)) return [];
  return value.map((item: Record<string, unknown>) => ({ to: text(item?.to), id: text(item?.id), state: text(item?.state) }));
}

function parseScheduled(value: unknown): ScheduledOutcome[] {
  if (!Array.isArray(value)) return [];
  return value.map((item: Record<string, unknown>) => ({ to: text(item?.to), id: text(item?.id), scheduledFor: text(item?.scheduledFor) }));
}

// `sentTo`: the numbers of the request, for an answer that names only the message id.
export function parseSendResponse(status: number, body: unknown, sentTo: string[] = []): SendMmsResult {
  const data = (body ?? {}) as SentBody;
  const statusWord = text(data.status);
  const stored = status === 202 || status >= 500 || storedStatuses.has(statusWord);
  const id = text(data.id);
  const scheduled = parseScheduled(data.scheduled);
  const held = new Set(scheduled.map((entry) => entry.id));
  let recipients = parseRecipients(data.recipients).filter((recipient) => !held.has(recipient.id));
  const [only] = sentTo;
  if (recipients.length === 0 && scheduled.length === 0 && id && sentTo.length === 1 && only !== undefined) {
    recipients = [{ to: only, id, state: stored ? statusWord || 'pending' : statusWord || 'queued' }];
  }
  return {
    kind: stored ? 'stored' : 'sent',
    id,
    status: stored ? statusWord || 'pending' : statusWord,
    reason: text(data.reason) || (stored ? text(data.error) : '') || (stored ? '' : text(data.message)),
    sandbox: data.sandbox === true,
    recipients,
    invalidNumbers: strings(data.invalidNumbers),
    scheduled,
  };
}

export type SendMmsPayload = {
  to: string | string[];
  text: string;
  mediaUrls: string[];
  mediaIds: string[];
  transactional?: true;
  upload_ids?: string[];
};

// The body exactly as sent: a single recipient goes as a string, several as an array.
export function sendMmsPayload(input: SendMmsInput): SendMmsPayload {
  const [only] = input.to;
  return {
    to: input.to.length === 1 && only !== undefined ? only : input.to,
    text: input.text,
    mediaUrls: input.mediaUrls,
    mediaIds: [],
    ...(input.transactional ? { transactional: true as const } : {}),
    ...uploadIdsField(input.uploadIds),
  };
}

// Only present when there are uploads, so a message with links only is sent as before.
function uploadIdsField(ids: string[] | undefined): { upload_ids?: string[] } {
  return ids && ids.length > 0 ? { upload_ids: ids } : {};
}

// Any answer that says the message was stored is a result, even one that came as an error.
async function postSend(path: string, body: unknown, sentTo: string[], idempotencyKey: string): Promise<SendMmsResult> {
  try {
    const response = await apiRequest<unknown>(path, { method: 'POST', json: body, headers: { 'Idempotency-Key': idempotencyKey } });
    return parseSendResponse(response.status, response.data, sentTo);
  } catch (error) {
    if (error instanceof ApiError && error.kind === 'stored') return parseSendResponse(error.status, error.body, sentTo);
    throw error;
  }
}

export async function sendMms(input: SendMmsInput, idempotencyKey: string): Promise<SendMmsResult> {
  return postSend('/api/send-mms', sendMmsPayload(input), input.to, idempotencyKey);
}

// POST /api/messages, the general send endpoint: one message from `from` to `to`, an SMS without
// media, an MMS with it. Same answers and Idempotency-Key rules as /api/send-mms. `origin` labels
// it in the history (`reply`: written in a conversation).
export type SendMessageInput = { from: string; to: string; text: string; mediaUrls: string[]; uploadIds?: string[]; origin?: 'api' | 'ui' | 'reply' };

export function sendMessagePayload(input: SendMessageInput) {
  const { uploadIds, ...rest } = input;
  const withMedia = input.mediaUrls.length > 0 || (uploadIds?.length ?? 0) > 0;
  return { ...rest, ...uploadIdsField(uploadIds), type: withMedia ? 'mms' : 'sms' } as const;
}

export async function sendMessage(input: SendMessageInput, idempotencyKey: string): Promise<SendMmsResult> {
  return postSend('/api/messages', sendMessagePayload(input), [input.to], idempotencyKey);
}
