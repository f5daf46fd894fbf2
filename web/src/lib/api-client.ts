// The one fetch wrapper for mmsgate's JSON API. Every non-2xx answer becomes an ApiError carrying a
// sentence a person can act on and, for validation errors, the form field it concerns. A 401 also
// calls the handler the app registers (it sends the browser to the login page).
import { env } from '@/config/env';

export type ApiErrorKind =
  | 'validation'
  | 'unauthorized'
  | 'forbidden'
  | 'not-found'
  | 'conflict'
  | 'too-large'
  | 'unsupported-format'
  | 'idempotency-conflict'
  | 'rate-limited'
  | 'plivo-refused'
  | 'plivo-unavailable'
  | 'stored'
  | 'server'
  | 'network';

export class ApiError extends Error {
  readonly status: number; // 0 when no answer arrived
  readonly kind: ApiErrorKind;
  readonly field: string | undefined;
  readonly body: unknown;

  constructor(init: { status: number; kind: ApiErrorKind; message: string; field?: string | undefined; body?: unknown }) {
    super(init.message);
    this.name = 'ApiError';
    this.status = init.status;
    this.kind = init.kind;
    this.field = init.field;
    this.body = init.body;
  }
}

type ErrorBody = { error?: unknown; field?: unknown };

function serverText(body: unknown): string | undefined {
  if (body && typeof body === 'object') {
    const text = (body as ErrorBody).error;
    if (typeof text === 'string' && text.trim() !== '') return text.trim();
  }
  return undefined;
}

function serverField(body: unknown): string | undefined {
  if (body && typeof body === 'object') {
    const field = (body as ErrorBody).field;
    if (typeof field === 'string' && field !== '') return field;
  }
  return undefined;
}

function withTryAgain(text: string): string {
  return /try again/i.test(text) ? text : `${text} Please try again in a moment.`;
}

// States in which mmsgate keeps a message and owns its outcome (it retries, waits for Plivo or checks
// with it). An answer naming one of them means the message exists: sending it again would be a
// second, billed message.
const storedStates = new Set(['pending', 'retrying', 'checking', 'unknown']);

// Whether an answer says the message was stored, whatever its HTTP status: `success: true`, or a
// legacy 503/504 whose body says the message is retrying or its outcome unknown. `stored: false`
// always wins (nothing was kept: trying again is safe).
export function answerSaysStored(status: number, body: unknown): boolean {
  if (!body || typeof body !== 'object') return false;
  const fields = body as { success?: unknown; stored?: unknown; status?: unknown };
  if (fields.stored === false) return false;
  if (fields.success === true) return true;
  if (fields.stored === true) return true;
  return (status === 503 || status === 504) && typeof fields.status === 'string' && storedStates.has(fields.status);
}

// A 5xx with `stored: false` says nothing was kept; say so, so a person knows trying again is safe.
function notSentText(text: string, body: unknown): string {
  const stored = body && typeof body === 'object' ? (body as { stored?: unknown }).stored : undefined;
  return stored === false && !/not (been )?sent|nothing was/i.test(text) ? `${text} The message was not sent.` : text;
}

// Pure mapping from an HTTP answer to the error the UI shows; exported for tests.
export function toApiError(status: number, body: unknown, retryAfterSeconds?: number): ApiError {
  const text = serverText(body);
  const field = serverField(body);
  const make = (kind: ApiErrorKind, message: string) => new ApiError({ status, kind, message, field, body });
  if (status >= 500 && answerSaysStored(status, body)) {
    return make('stored', text ?? 'The message is saved and mmsgate is still sending it. Do not send it again.');
  }
  switch (status) {
    case 400:
      return make('validation', text ?? 'The request was not valid. Check the form and try again.');
    case 401:
      return make('unauthorized', 'Your session has ended. Please sign in again.');
    case 403:
      return make('forbidden', text ?? 'You are not allowed to do this. Reload the page and try again.');
    case 404:
      return make('not-found', text ?? 'Not found.');
    case 409:
      return make('conflict', text ?? 'This conflicts with the current state. Reload the page and try again.');
    case 413:
      return make('too-large', text ?? 'The request is too large. Send fewer recipients, less text or fewer media URLs.');
    case 415:
      return make('unsupported-format', text ?? 'The server did not accept the request format.');
    case 422:
      return make(
        'idempotency-conflict',
        text ?? 'This submission was already used for a different message. Please send again.',
      );
    case 429: {
      const base = text ?? 'Too many requests.';
      if (/try again/i.test(base)) return make('rate-limited', base);
      const seconds = retryAfterSeconds && retryAfterSeconds > 0 ? `${retryAfterSeconds} seconds` : 'a moment';
      return make('rate-limited', `${base} Wait ${seconds} and try again.`);
    }
    case 502:
      return make('plivo-refused', text ? `Plivo refused the message: ${text}` : 'Plivo refused the message.');
    case 503:
    case 504:
      return make('plivo-unavailable', withTryAgain(notSentText(text ?? 'Plivo is unavailable right now.', body)));
    default:
      return make('server', withTryAgain(notSentText(text ?? `The server had a problem (HTTP ${status}).`, body)));
  }
}

export function networkError(cause: unknown): ApiError {
  const error = new ApiError({
    status: 0,
    kind: 'network',
    message: 'Could not reach the server. Check your connection and try again.',
  });
  (error as Error & { cause?: unknown }).cause = cause;
  return error;
}

// Dispatched on window whenever the API answers 401: open live streams close themselves, so no page
// keeps saying "Live updates on" for a session that has ended.
export const sessionEndedEvent = 'mmsgate:session-ended';

type UnauthorizedHandler = () => void;
let unauthorizedHandler: UnauthorizedHandler | null = null;

// The app calls this once; features never navigate on 401 themselves.
export function setUnauthorizedHandler(handler: UnauthorizedHandler | null): void {
  unauthorizedHandler = handler;
}

// Every 401 ends up here, also from requests made without apiRequest (uploads use XMLHttpRequest
// for its progress events).
export function notifyUnauthorized(): void {
  window.dispatchEvent(new Event(sessionEndedEvent));
  unauthorizedHandler?.();
}

export type ApiRequestOptions = {
  method?: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  json?: unknown;
  headers?: Record<string, string>;
  signal?: AbortSignal;
  // Login and setup answer 401 as a normal outcome; they must not bounce to the login page.
  redirectOnUnauthorized?: boolean;
};

export type ApiResponse<T> = { status: number; data: T };

export function apiUrl(path: string): string {
  return `${env.apiBaseUrl}${path}`;
}

async function readBody(response: Response): Promise<unknown> {
  const text = await response.text();
  if (text === '') return null;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

export async function apiRequest<T>(path: string, options: ApiRequestOptions = {}): Promise<ApiResponse<T>> {
  const headers: Record<string, string> = { Accept: 'application/json', ...options.headers };
  const init: RequestInit = {
    method: options.method ?? (options.json === undefined ? 'GET' : 'POST'),
    headers,
    credentials: 'same-origin',
    signal: options.signal ?? null,
  };
  if (options.json !== undefined) {
    headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(options.json);
  }
  let response: Response;
  let body: unknown;
  try {
    response = await fetch(apiUrl(path), init);
    body = await readBody(response);
  } catch (cause) {
    if (cause instanceof DOMException && cause.name === 'AbortError') throw cause;
    throw networkError(cause);
  }
  if (response.ok) return { status: response.status, data: body as T };
  const retryAfter = Number.parseInt(response.headers.get('Retry-After') ?? '', 10);
  const error = toApiError(response.status, body, Number.isFinite(retryAfter) ? retryAfter : undefined);
  if (response.status === 401 && options.redirectOnUnauthorized !== false) notifyUnauthorized();
  throw error;
}
