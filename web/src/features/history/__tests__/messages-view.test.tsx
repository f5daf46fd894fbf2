import { act, screen, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { MessagesView } from '@/features/history/components/messages-view';
import { messageJson } from '@/testing/fixtures';
import { FakeEventSource } from '@/testing/fake-event-source';
import { installFakeFetch, jsonResponse } from '@/testing/fake-fetch';
import { renderWithRouter } from '@/testing/render';
import { sessionEndedEvent } from '@/lib/api-client';

const message = messageJson;

describe('MessagesView', () => {
  it('lists messages, loads more through the cursor and applies live state changes', async () => {
    FakeEventSource.install();
    const { requests } = installFakeFetch({
      'GET /api/messages': (request) =>
        request.url.searchParams.get('cursor') === 'page-2'
          ? jsonResponse(200, { messages: [message('m3', { state: 'delivered', totalAmount: '0.01600' })], nextCursor: null })
          : jsonResponse(200, { messages: [message('m1'), message('m2')], nextCursor: 'page-2' }),
    });
    const { user } = renderWithRouter(<MessagesView />, { path: '/messages?state=queued' });

    const table = await screen.findByRole('table');
    expect(within(table).getAllByRole('row')).toHaveLength(3);
    expect(requests[0]?.url.search).toBe('?state=queued&limit=50');
    expect(screen.getByRole('link', { name: 'Export CSV' })).toHaveAttribute('href', '/api/messages/export.csv?state=queued');

    await user.click(screen.getByRole('button', { name: 'Load more' }));
    expect(await within(table).findByText('$0.0160')).toBeInTheDocument();
    expect(within(table).getAllByRole('row')).toHaveLength(4);
    // The narrow-screen cards show the same messages, with the filters carried to each message.
    const cards = screen.getByRole('list', { name: 'Messages' });
    expect(within(cards).getAllByRole('link')).toHaveLength(3);
    expect(within(table).getAllByRole('link')[0]).toHaveAttribute('href', '/messages/m1?state=queued');
    expect(screen.queryByRole('button', { name: 'Load more' })).not.toBeInTheDocument();

    const stream = FakeEventSource.instances[0];
    expect(stream?.url).toBe('/api/messages/stream');
    act(() => stream?.open());
    expect(screen.getByText('Live updates on')).toBeInTheDocument();
    act(() => stream?.push({ id: 'm2', state: 'failed', updatedAt: '2026-11-25T18:01:00.000Z' }));
    const row = table.querySelector('[data-message-id="m2"]') as HTMLElement;
    expect(within(row).getByText('Failed')).toBeInTheDocument();
    expect(within(table.querySelector('[data-message-id="m1"]') as HTMLElement).getByText('Queued')).toBeInTheDocument();
  });

  it('catches up when the live stream opens: a message sent before that appears', async () => {
    FakeEventSource.install();
    let page = [message('m1')];
    installFakeFetch({ 'GET /api/messages': () => jsonResponse(200, { messages: page, nextCursor: null }) });
    renderWithRouter(<MessagesView />, { path: '/messages' });
    const table = await screen.findByRole('table');
    expect(within(table).getAllByRole('row')).toHaveLength(2);
    // Sent between the first load and the stream's start: no event will ever carry it.
    page = [message('m9', { to: '+16045550199' }), message('m1')];
    act(() => FakeEventSource.instances[0]?.open());
    expect(await within(table).findByText('+16045550199')).toBeInTheDocument();
    expect(within(table).getAllByRole('row')).toHaveLength(3);
  });

  it('turns "Live updates on" off when the session ends', async () => {
    FakeEventSource.install();
    installFakeFetch({ 'GET /api/messages': () => jsonResponse(200, { messages: [message('m1')], nextCursor: null }) });
    renderWithRouter(<MessagesView />, { path: '/messages' });
    await screen.findByRole('table');
    act(() => FakeEventSource.instances[0]?.open());
    expect(screen.getByText('Live updates on')).toBeInTheDocument();
    act(() => {
      window.dispatchEvent(new Event(sessionEndedEvent));
    });
    expect(screen.queryByText('Live updates on')).not.toBeInTheDocument();
    expect(screen.getByText(/Live updates stopped/)).toBeInTheDocument();
    expect(FakeEventSource.instances[0]?.readyState).toBe(FakeEventSource.CLOSED);
  });

  it('groups the recipients of one send with their total cost', async () => {
    vi.stubGlobal('EventSource', undefined);
    installFakeFetch({
      'GET /api/messages': () =>
        jsonResponse(200, {
          messages: [
            message('m3', { requestId: 'r2', to: '+14155550111', totalAmount: '0.01600' }),
            message('m2', { requestId: 'r2', to: '+14155550112', totalAmount: '0.01600' }),
            message('m1', { requestId: 'r1', to: '+14155550113', totalAmount: '0.01600' }),
          ],
          nextCursor: null,
        }),
    });
    renderWithRouter(<MessagesView />, { path: '/messages' });
    const table = await screen.findByRole('table');
    const group = within(table).getByRole('rowheader', { name: 'One send to 2 recipients' }).closest('tbody') as HTMLElement;
    expect(within(group).getByText('Total $0.0320')).toBeInTheDocument();
    expect(within(group).getAllByRole('link').map((link) => link.textContent)).toEqual(['+14155550111', '+14155550112']);
    const cards = screen.getByRole('list', { name: 'Messages' });
    expect(within(cards).getByText('One send to 2 recipients')).toBeInTheDocument();
    expect(within(cards).getByText('Total $0.0320')).toBeInTheDocument();
  });

  it('says so when nothing matches the filters', async () => {
    vi.stubGlobal('EventSource', FakeEventSource);
    installFakeFetch({ 'GET /api/messages': () => jsonResponse(200, { messages: [], nextCursor: null }) });
    renderWithRouter(<MessagesView />, { path: '/messages?state=failed' });
    expect(await screen.findByText('No messages match these filters.')).toBeInTheDocument();
  });
});
