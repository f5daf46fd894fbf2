import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiError, apiRequest, setUnauthorizedHandler, toApiError } from '@/lib/api-client';
import { installFakeFetch, jsonResponse } from '@/testing/fake-fetch';

afterEach(() => setUnauthorizedHandler(null));

describe('toApiError', () => {
  it('keeps the server text and the field of a validation error', () => {
    const error = toApiError(400, { success: false, error: 'Enter at most 10 media URLs.', field: 'mediaUrls' });
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 400, kind: 'validation', field: 'mediaUrls', message: 'Enter at most 10 media URLs.' });
  });

  it('has a sentence for a validation error without text', () => {
    expect(toApiError(400, null)).toMatchObject({ kind: 'validation', field: undefined, message: expect.stringMatching(/not valid/) });
  });

  it('maps 401 to an expired session, whatever the body says', () => {
    expect(toApiError(401, { success: false, error: 'Unauthorized' })).toMatchObject({
      kind: 'unauthorized',
      message: 'Your session has ended. Please sign in again.',
    });
  });

  it("shows Plivo's own words for 502", () => {
    const error = toApiError(502, { success: false, error: 'Destination number is not SMS/MMS enabled' });
    expect(error).toMatchObject({ kind: 'plivo-refused', message: 'Plivo refused the message: Destination number is not SMS/MMS enabled' });
  });

  it.each([503, 504])('tells the user to try again for %i when nothing was stored', (status) => {
    const bare = toApiError(status, null);
    expect(bare.kind).toBe('plivo-unavailable');
    expect(bare.message).toMatch(/Plivo is unavailable right now\. Please try again/);
    const withText = toApiError(status, { success: false, stored: false, error: 'Plivo did not answer in time.' });
    expect(withText.message).toBe('Plivo did not answer in time. The message was not sent. Please try again in a moment.');
  });

  it.each([
    [503, { success: false, status: 'retrying', id: 'msg_1', error: 'Plivo is unavailable; mmsgate retries. Do not send it again.' }],
    [504, { success: false, status: 'unknown', id: 'msg_1', error: 'Plivo did not answer.' }],
    [503, { success: true, status: 'retrying', id: 'msg_1' }],
  ])('never invites a resend of a stored message (legacy %i)', (status, body) => {
    const error = toApiError(status, body);
    expect(error.kind).toBe('stored');
    expect(error.message).not.toMatch(/try again/i);
  });

  it('keeps "stored: false" as not stored whatever the status word says', () => {
    expect(toApiError(503, { success: false, stored: false, status: 'retrying', error: 'Overloaded.' }).kind).toBe('plivo-unavailable');
    expect(toApiError(500, { success: false, stored: false, error: 'Database unavailable.' })).toMatchObject({
      kind: 'server',
      message: 'Database unavailable. The message was not sent. Please try again in a moment.',
    });
  });

  it('does not repeat "try again" when the server already says it', () => {
    expect(toApiError(503, { error: 'Plivo is down, try again later.' }).message).toBe('Plivo is down, try again later.');
  });

  it('names the wait for 429 from Retry-After', () => {
    expect(toApiError(429, { error: 'Too many messages.' }, 30).message).toBe('Too many messages. Wait 30 seconds and try again.');
    expect(toApiError(429, null).message).toBe('Too many requests. Wait a moment and try again.');
  });

  it.each([
    [403, 'forbidden'],
    [409, 'conflict'],
    [413, 'too-large'],
    [415, 'unsupported-format'],
    [422, 'idempotency-conflict'],
    [500, 'server'],
  ] as const)('classifies %i as %s', (status, kind) => {
    expect(toApiError(status, { error: 'Server text.' })).toMatchObject({ kind, status });
  });
});

describe('apiRequest', () => {
  it('sends JSON and returns the status with the parsed body', async () => {
    const { requests } = installFakeFetch({ 'POST /api/things': () => jsonResponse(202, { success: true, status: 'pending' }) });
    const response = await apiRequest('/api/things', { json: { a: 1 }, headers: { 'Idempotency-Key': 'k' } });
    expect(response).toEqual({ status: 202, data: { success: true, status: 'pending' } });
    const [request] = requests;
    expect(request?.headers.get('Content-Type')).toBe('application/json');
    expect(request?.headers.get('Idempotency-Key')).toBe('k');
    expect(request?.body).toBe('{"a":1}');
  });

  it('throws the mapped error with its field', async () => {
    installFakeFetch({ 'POST /api/send-mms': () => jsonResponse(400, { success: false, error: 'Message too long.', field: 'text' }) });
    await expect(apiRequest('/api/send-mms', { json: {} })).rejects.toMatchObject({ status: 400, field: 'text', message: 'Message too long.' });
  });

  it('calls the unauthorized handler on 401', async () => {
    const handler = vi.fn();
    setUnauthorizedHandler(handler);
    installFakeFetch({ 'GET /api/messages': () => jsonResponse(401, { success: false, error: 'Unauthorized' }) });
    await expect(apiRequest('/api/messages')).rejects.toMatchObject({ kind: 'unauthorized' });
    expect(handler).toHaveBeenCalledTimes(1);
  });

  it('lets a caller handle 401 itself', async () => {
    const handler = vi.fn();
    setUnauthorizedHandler(handler);
    installFakeFetch({ 'POST /api/setup': () => jsonResponse(401, {}) });
    await expect(apiRequest('/api/setup', { json: {}, redirectOnUnauthorized: false })).rejects.toMatchObject({ status: 401 });
    expect(handler).not.toHaveBeenCalled();
  });

  it('reads the Retry-After header of a 429', async () => {
    installFakeFetch({ 'POST /api/send-mms': () => jsonResponse(429, { success: false, error: 'Slow down.' }, { 'Retry-After': '12' }) });
    await expect(apiRequest('/api/send-mms', { json: {} })).rejects.toMatchObject({ message: 'Slow down. Wait 12 seconds and try again.' });
  });

  it('turns a failed connection into a network error', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => Promise.reject(new TypeError('Failed to fetch'))));
    await expect(apiRequest('/api/status')).rejects.toMatchObject({ kind: 'network', status: 0 });
  });

  it('survives a non-JSON error page', async () => {
    installFakeFetch({ 'GET /api/status': () => new Response('<html>Bad gateway</html>', { status: 502 }) });
    await expect(apiRequest('/api/status')).rejects.toMatchObject({ kind: 'plivo-refused', message: 'Plivo refused the message.' });
  });
});
