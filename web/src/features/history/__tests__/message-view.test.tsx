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

    await user.click(screen.getByRole('button', { name: 'Send again' }));
    expect(await screen.findByRole('link', { name: 'View the new message' })).toHaveAttribute('href', '/messages/msg_8');
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
    await user.click(await screen.findByRole('button', { name: 'Send again' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('This message was already sent again.');
  });

  it('loads the message again when the live stream opens, so a report from before it is not missed', async () => {
    FakeEventSource.instances = [];
    vi.stubGlobal('EventSource', FakeEventSource);
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
