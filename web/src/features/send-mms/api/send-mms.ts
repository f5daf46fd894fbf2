// POST /api/send-mms with an Idempotency-Key. 200 means Plivo accepted the message(s); 202 means
// the server is still waiting for Plivo and the message page will show the outcome.
import { apiRequest } from '@/lib/api-client';

export type SendMmsInput = { to: string[]; text: string; mediaUrls: string[] };

export type RecipientOutcome = { to: string; id: string; state: string; messageUuid: string | null };

export type SendMmsResult =
  | {
      kind: 'sent';
      id: string;
      sandbox: boolean;
      message: string;
      messageUuids: string[];
      recipients: RecipientOutcome[];
      invalidNumbers: string[];
    }
  | { kind: 'pending'; id: string };

type SentBody = {
  id?: unknown;
  sandbox?: unknown;
  message?: unknown;
  status?: unknown;
  plivoResponse?: { messageUuid?: unknown } | null;
  recipients?: unknown;
  invalidNumbers?: unknown;
};

const strings = (value: unknown): string[] => (Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : []);
const text = (value: unknown): string => (typeof value === 'string' ? value : '');

function parseRecipients(value: unknown): RecipientOutcome[] {
  if (!Array.isArray(value)) return [];
  return value.map((item: Record<string, unknown>) => ({
    to: text(item?.to),
    id: text(item?.id),
    state: text(item?.state),
    messageUuid: typeof item?.messageUuid === 'string' ? item.messageUuid : null,
  }));
}

export function parseSendResponse(status: number, body: unknown): SendMmsResult {
  const data = (body ?? {}) as SentBody;
  if (status === 202 || data.status === 'pending') return { kind: 'pending', id: text(data.id) };
  return {
    kind: 'sent',
    id: text(data.id),
    sandbox: data.sandbox === true,
    message: text(data.message) || 'MMS sent successfully!',
    messageUuids: strings(data.plivoResponse?.messageUuid),
    recipients: parseRecipients(data.recipients),
    invalidNumbers: strings(data.invalidNumbers),
  };
}

export type SendMmsPayload = { to: string | string[]; text: string; mediaUrls: string[]; mediaIds: string[] };

// The body exactly as sent: a single recipient goes as a string, several as an array.
export function sendMmsPayload(input: SendMmsInput): SendMmsPayload {
  const [only] = input.to;
  return {
    to: input.to.length === 1 && only !== undefined ? only : input.to,
    text: input.text,
    mediaUrls: input.mediaUrls,
    mediaIds: [],
  };
}

export async function sendMms(input: SendMmsInput, idempotencyKey: string): Promise<SendMmsResult> {
  const response = await apiRequest<unknown>('/api/send-mms', {
    method: 'POST',
    json: sendMmsPayload(input),
    headers: { 'Idempotency-Key': idempotencyKey },
  });
  return parseSendResponse(response.status, response.data);
}
