import { act, screen, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { MessageView } from '@/features/history/components/message-view';
import { messageJson } from '@/testing/fixtures';
import { FakeEventSource } from '@/testing/fake-event-source';
import { installFakeFetch, jsonResponse } from '@/testing/fake-fetch';
import { renderWithRouter } from '@/testing/render';

const unknownMessage = messageJson('msg_7', {
  text: 'Did this arrive?',
  mediaUrls: ['https://media.example.com/cat.gif'],
  state: 'unknown',
  updatedAt: '2026-11-25T18:00:30.000Z',
});

const events = [
  { state: 'unknown', errorCode: null, errorMeaning: 'Plivo did not answer within 30 seconds.', source: 'api', units: null, totalAmount: null, occurredAt: '2026-11-25T18:00:30.000Z' },
  { state: 'accepted', errorCode: null, errorMeaning: null, source: 'api', units: null, totalAmount: null, occurredAt: '2026-11-25T18:00:00.000Z' },
];

describe('MessageView', () => {
  it('shows the timeline oldest first with error explanations, and sends an unknown message again', async () => {
    vi.stubGlobal('EventSource', undefined);
    let resent = false;
    const { requests } = installFakeFetch({
      'GET /api/messages/msg_7': () =>
        jsonResponse(200, { message: resent ? { ...unknownMessage, state: 'queued' } : unknownMessage, events }),
      'POST /api/messages/msg_7/resend': () => {
        resent = true;
        return jsonResponse(200, { success: true, message: 'MMS sent successfully!', id: 'msg_8' });
      },
    });
    const { user } = renderWithRouter(<MessageView id="msg_7" />, { path: '/messages/msg_7', route: '/messages/:id' });

    const timeline = (await screen.findByRole('heading', { name: 'Delivery timeline' })).parentElement as HTMLElement;
    const items = within(timeline).getAllByRole('listitem');
    expect(items.map((item) => within(item).getAllByText(/Accepted|Unknown/)[0]?.textContent)).toEqual(['Accepted', 'Unknown']);
    expect(within(items[1] as HTMLElement).getByText('Plivo did not answer within 30 seconds.')).toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'Send again…' }));
    const question = screen.getByRole('alertdialog', { name: 'Send this message again?' });
    expect(question).toHaveTextContent('To +14155550100: “Did this arrive?” with 1 picture.');
    expect(requests.filter((request) => request.method === 'POST')).toHaveLength(0);
    await user.click(within(question).getByRole('button', { name: 'Yes, send it again' }));
    expect(await screen.findByRole('link', { name: 'View the new message' })).toHaveAttribute('href', '/messages/msg_8');
    // The state moved on: no second offer to send it again.
    expect(await screen.findByText('Sent again. The state above updates by itself.')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Send again…' })).not.toBeInTheDocument();
    const resend = requests.find((request) => request.method === 'POST');
    expect(resend?.body).toBe('{}');
    expect(resend?.headers.get('Content-Type')).toBe('application/json');
  });

  it('explains a refused resend (409)', async () => {
    vi.stubGlobal('EventSource', undefined);
    installFakeFetch({
      'GET /api/messages/msg_7': () => jsonResponse(200, { message: unknownMessage, events }),
      'POST /api/messages/msg_7/resend': () => jsonResponse(409, { success: false, error: 'This message was already sent again.' }),
    });
    const { user } = renderWithRouter(<MessageView id="msg_7" />, { path: '/messages/msg_7', route: '/messages/:id' });
    await user.click(await screen.findByRole('button', { name: 'Send again…' }));
    await user.click(screen.getByRole('button', { name: 'Yes, send it again' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('This message was already sent again.');
  });

  it('shows one entry per state, the cost once, a technical error in words and a way back with the filters', async () => {
    vi.stubGlobal('EventSource', undefined);
    const delivered = messageJson('msg_3', {
      state: 'failed',
      requestId: 'req_1',
      units: 1,
      totalAmount: '0.01600',
      error: 'Empty reply from server (curl error 52)',
    });
    const sibling = messageJson('msg_4', { to: '+16045550199', state: 'delivered', requestId: 'req_1', units: 1, totalAmount: '0.01600' });
    const repeated = [
      { state: 'queued', errorCode: null, errorMeaning: null, source: 'dispatcher', units: 1, totalAmount: '0.01600', occurredAt: '2026-11-25T18:00:01.000Z' },
      { state: 'queued', errorCode: null, errorMeaning: null, source: 'callback', units: 1, totalAmount: '0.01600', occurredAt: '2026-11-25T18:00:02.000Z' },
      { state: 'failed', errorCode: null, errorMeaning: null, source: 'callback', units: 1, totalAmount: '0.01600', occurredAt: '2026-11-25T18:00:03.000Z' },
    ];
    installFakeFetch({
      'GET /api/messages/msg_3': () => jsonResponse(200, { message: delivered, events: repeated }),
      'GET /api/messages': (request) =>
        jsonResponse(200, { messages: request.url.searchParams.get('requestId') === 'req_1' ? [sibling, delivered] : [], nextCursor: null }),
    });
    const { user } = renderWithRouter(<MessageView id="msg_3" />, { path: '/messages/msg_3?state=failed&q=0112', route: '/messages/:id' });
    const timeline = (await screen.findByRole('heading', { name: 'Delivery timeline' })).parentElement as HTMLElement;
    expect(within(timeline).getAllByRole('listitem')).toHaveLength(2);
    expect(within(timeline).getByText('· Plivo API answer, Plivo delivery report')).toBeInTheDocument();
    expect(within(timeline).queryByText(/\$0\.0160/)).not.toBeInTheDocument();
    expect(screen.getByText('$0.0160 (1 unit)')).toBeInTheDocument();
    expect(await screen.findByText('Whole send (2 recipients): $0.0320')).toBeInTheDocument();
    expect(screen.getByRole('link', { name: '+16045550199' })).toHaveAttribute('href', '/messages/msg_4');
    expect(screen.getByText('Plivo closed the connection without answering.', { exact: false })).toBeInTheDocument();
    expect(screen.getByText('Empty reply from server (curl error 52)')).not.toBeVisible();
    expect(screen.queryByText(/curl error 52/, { selector: 'dd' })).not.toBeInTheDocument();
    await user.click(screen.getByText('Details'));
    expect(screen.getByText('Empty reply from server (curl error 52)')).toBeVisible();
    expect(screen.getByRole('link', { name: '← Back to history' })).toHaveAttribute('href', '/messages?state=failed&q=0112');
  });

  it('shows a not-found page with a way back for an unknown id', async () => {
    vi.stubGlobal('EventSource', undefined);
    installFakeFetch({ 'GET /api/messages/nope': () => jsonResponse(404, { success: false, error: 'No such message' }) });
    renderWithRouter(<MessageView id="nope" />, { path: '/messages/nope', route: '/messages/:id' });
    expect(await screen.findByRole('heading', { name: 'Message not found' })).toBeInTheDocument();
    expect(screen.getByRole('link', { name: '← Back to history' })).toHaveAttribute('href', '/messages');
  });

  it('loads the message again when the live stream opens, so a report from before it is not missed', async () => {
    FakeEventSource.install();
    let state = 'sent';
    const { requests } = installFakeFetch({
      'GET /api/messages/msg_7': () => jsonResponse(200, { message: { ...unknownMessage, state }, events }),
    });
    renderWithRouter(<MessageView id="msg_7" />, { path: '/messages/msg_7', route: '/messages/:id' });
    expect(await screen.findByRole('heading', { name: 'Message to +14155550100' })).toBeInTheDocument();
    // The report arrives after the first load and before the stream is open: no event carries it.
    state = 'undelivered';
    act(() => FakeEventSource.instances[0]?.open());
    expect(await screen.findAllByText('Undelivered')).not.toHaveLength(0);
    expect(requests.filter((request) => request.method === 'GET')).toHaveLength(2);
  });
});

describe('MessageView conversation link', () => {
  it('links the message to its conversation, or to the list searched by the number when the server names none', async () => {
    vi.stubGlobal('EventSource', undefined);
    installFakeFetch({
      'GET /api/messages/msg_1': () => jsonResponse(200, { message: messageJson('msg_1', { conversationId: 'conv_9' }), events: [] }),
      'GET /api/messages/msg_2': () => jsonResponse(200, { message: messageJson('msg_2'), events: [] }),
    });
    const first = renderWithRouter(<MessageView id="msg_1" />, { path: '/messages/msg_1', route: '/messages/:id' });
    expect(await screen.findByRole('link', { name: 'Open the conversation with +14155550100' })).toHaveAttribute('href', '/conversations/conv_9');
    first.unmount();
    renderWithRouter(<MessageView id="msg_2" />, { path: '/messages/msg_2', route: '/messages/:id' });
    expect(await screen.findByRole('link', { name: 'Open the conversation with +14155550100' })).toHaveAttribute('href', '/conversations?q=%2B14155550100');
  });
});
