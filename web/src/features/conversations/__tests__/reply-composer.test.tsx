import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { SendMmsResult } from '@/features/send-mms/api/send-mms';
import { ReplyComposer, segmentText } from '@/features/conversations/components/reply-composer';
import { parseConversation } from '@/features/conversations/utils/parse-conversation';
import { createSubmissionGuard } from '@/features/send-mms/utils/submission-guard';
import { conversationJson } from '@/testing/fixtures';
import { installFakeFetch, jsonResponse, requestsTo } from '@/testing/fake-fetch';
import type { RecordedRequest } from '@/testing/fake-fetch';
import { renderWithRouter } from '@/testing/render';

// The composer also asks whether the contact opted out (GET /api/suppressions/check): only the sends count here.
const posts = (requests: RecordedRequest[]) => requests.filter((request) => request.method === 'POST');

const conversation = parseConversation(conversationJson('c1'));

function keys() {
  let count = 0;
  return () =>
    createSubmissionGuard(() => {
      count += 1;
      return `key-${count}`;
    });
}

function renderComposer(onSent: (result: SendMmsResult) => void = () => {}, id = 'c1') {
  return renderWithRouter(<ReplyComposer conversation={{ ...conversation, id }} owner="ada@example.com" onSent={onSent} createGuard={keys()} />);
}

describe('segmentText', () => {
  it('names the SMS segments and encoding, or the MMS length with pictures', () => {
    expect(segmentText('Hello', false)).toBe('1 SMS segment · GSM-7 · 5 septets (160 per segment)');
    expect(segmentText('Привет'.repeat(12), false)).toBe('2 SMS segments · UCS-2 · 72 units (67 per segment)');
    expect(segmentText('Hello', true)).toBe('MMS · 5 / 1,600 characters');
  });
});

describe('ReplyComposer', () => {
  it('counts segments as you type and sends an SMS from our number to theirs on Ctrl+Enter, once', async () => {
    let answer: (response: Response) => void = () => {};
    const { requests } = installFakeFetch({ 'POST /api/messages': () => new Promise<Response>((resolve) => (answer = resolve)) });
    const sent: unknown[] = [];
    const { user } = renderComposer((result) => sent.push(result));
    const box = screen.getByLabelText('Reply to +14155550123');
    await user.type(box, 'Yes, 9 to 5 €');
    expect(screen.getByText('1 SMS segment · GSM-7 · 14 septets (160 per segment)')).toBeInTheDocument();

    await user.keyboard('{Control>}{Enter}{/Control}');
    await user.keyboard('{Control>}{Enter}{/Control}');
    await user.click(screen.getByRole('button', { name: 'Sending…' }));
    expect(posts(requests)).toHaveLength(1);
    const [request] = posts(requests);
    expect(request?.headers.get('Idempotency-Key')).toBe('key-1');
    expect(JSON.parse(request!.body)).toEqual({ from: '+14155550100', to: '+14155550123', text: 'Yes, 9 to 5 €', mediaUrls: [], origin: 'reply', type: 'sms' });

    answer(jsonResponse(200, { success: true, id: 'm9', status: 'queued' }));
    expect(await screen.findByTestId('reply-result')).toHaveTextContent('Sent as SMS.');
    expect(box).toHaveValue('');
    expect(sent).toHaveLength(1);
  });

  it('sends an MMS when a picture URL is added, and refuses an empty reply', async () => {
    const fake = installFakeFetch({ 'POST /api/messages': () => jsonResponse(200, { success: true, id: 'm9', status: 'queued' }) });
    // Only the sends: the picture link's preflight check may happen too.
    const requests = requestsTo(fake.requests, '/api/messages');
    const { user } = renderComposer();
    await user.click(screen.getByRole('button', { name: 'Send SMS' }));
    expect(screen.getByText('Write a reply or add a picture.')).toBeInTheDocument();
    expect(posts(requests)).toHaveLength(0);

    await user.click(screen.getByRole('button', { name: 'Add a picture' }));
    await user.type(screen.getByLabelText('Media URL'), 'https://images.example.com/menu.png');
    await user.click(screen.getByRole('button', { name: 'Send MMS' }));
    expect(await screen.findByTestId('reply-result')).toHaveTextContent('Sent as MMS.');
    expect(JSON.parse(posts(requests)[0]!.body)).toMatchObject({ type: 'mms', text: '', mediaUrls: ['https://images.example.com/menu.png'] });
  });

  it('retries with the same Idempotency-Key after no answer', async () => {
    let calls = 0;
    const { requests } = installFakeFetch({
      'POST /api/messages': () => {
        calls += 1;
        if (calls === 1) throw new TypeError('network down');
        return jsonResponse(200, { success: true, id: 'm9', status: 'queued' });
      },
    });
    const { user } = renderComposer();
    await user.type(screen.getByLabelText('Reply to +14155550123'), 'Hello');
    await user.click(screen.getByRole('button', { name: 'Send SMS' }));
    expect(await screen.findByText(/Could not reach the server/)).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Send SMS' }));
    expect(await screen.findByTestId('reply-result')).toHaveTextContent('Sent as SMS.');
    expect(posts(requests).map((request) => request.headers.get('Idempotency-Key'))).toEqual(['key-1', 'key-1']);
  });

  it('keeps the unsent reply per conversation across a remount', async () => {
    installFakeFetch({});
    const first = renderComposer(() => {}, 'c1');
    await first.user.type(screen.getByLabelText('Reply to +14155550123'), 'Draft for c1');
    first.unmount();
    const other = renderComposer(() => {}, 'c2');
    expect(screen.getByLabelText('Reply to +14155550123')).toHaveValue('');
    other.unmount();
    renderComposer(() => {}, 'c1');
    expect(screen.getByLabelText('Reply to +14155550123')).toHaveValue('Draft for c1');
  });
});
