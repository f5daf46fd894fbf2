import { act, screen, within } from '@testing-library/react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { ConversationsView } from '@/features/conversations/components/conversations-view';
// Loaded lazily by the page; imported here so the first test does not wait for its transform.
import '@/features/conversations/components/thread-view';
import { getUnreadTotal, resetUnreadTotal } from '@/features/conversations/hooks/use-unread-total';
import { conversationJson, threadMessageJson } from '@/testing/fixtures';
import { FakeEventSource } from '@/testing/fake-event-source';
import { installFakeFetch, jsonResponse, type FakeHandler } from '@/testing/fake-fetch';
import { renderWithRouter } from '@/testing/render';

const unreadConversation = conversationJson('c1', {
  unreadCount: 2,
  updatedAt: '2026-11-25T18:05:00.000Z',
  lastMessage: { direction: 'in', text: 'Are you open Sunday?', at: '2026-11-25T18:05:00.000Z', state: null, hasMedia: false },
});
const otherConversation = conversationJson('c2', { theirNumber: '+16045550199', updatedAt: '2026-11-25T17:00:00.000Z' });

const threadMessages = [
  threadMessageJson('m2', { text: 'Are you open Sunday?', createdAt: '2026-11-25T18:05:00.000Z' }),
  threadMessageJson('m1', { direction: 'out', text: 'Our shop opens Saturday', from: '+14155550100', to: '+14155550123', state: 'delivered', createdAt: '2026-11-25T18:00:00.000Z' }),
];

function routes(overrides: Record<string, FakeHandler> = {}): Record<string, FakeHandler> {
  return {
    'GET /api/conversations': () => jsonResponse(200, { conversations: [unreadConversation, otherConversation], nextCursor: null, unreadTotal: 2 }),
    'GET /api/conversations/c1': () => jsonResponse(200, { conversation: unreadConversation, messages: threadMessages, nextCursor: null }),
    'POST /api/conversations/c1/read': () => jsonResponse(200, { unreadCount: 0, unreadTotal: 0 }),
    ...overrides,
  };
}

function renderView(selectedId: string | null = 'c1', sandbox = false) {
  return renderWithRouter(<ConversationsView selectedId={selectedId ?? undefined} owner="ada@example.com" sandbox={sandbox} />, {
    path: selectedId ? `/conversations/${selectedId}` : '/conversations',
  });
}

beforeEach(() => {
  FakeEventSource.install();
  resetUnreadTotal();
});

describe('ConversationsView', () => {
  it('lists conversations with their last message and unread count, and shows the thread in time order', async () => {
    installFakeFetch(routes());
    renderView();
    const list = await screen.findByRole('list', { name: 'Conversations' });
    const items = within(list).getAllByRole('link');
    expect(items.map((item) => item.getAttribute('href'))).toEqual(['/conversations/c1', '/conversations/c2']);
    expect(items[0]).toHaveTextContent('Are you open Sunday?');
    expect(items[0]).toHaveTextContent('2 unread');
    expect(items[0]).toHaveAttribute('aria-current', 'page');

    const thread = await screen.findByRole('list', { name: 'Messages' });
    const messages = within(thread).getAllByRole('listitem');
    expect(messages.map((item) => item.getAttribute('data-message-id'))).toEqual(['m1', 'm2']);
    expect(within(messages[0]!).getByText('Delivered')).toBeInTheDocument();
  });

  it('marks the open thread read, clears the count in the list and updates the unread total', async () => {
    const { requests } = installFakeFetch(routes());
    renderView();
    const list = await screen.findByRole('list', { name: 'Conversations' });
    await vi.waitFor(() => expect(requests.some((request) => request.method === 'POST' && request.url.pathname === '/api/conversations/c1/read')).toBe(true));
    await vi.waitFor(() => expect(within(list).queryByText(/unread/)).not.toBeInTheDocument());
    expect(getUnreadTotal()).toBe(0);
  });

  it('appends a reply arriving on the stream, marks it read, and follows sent messages’ states', async () => {
    const { requests } = installFakeFetch(routes({ 'GET /api/conversations/c1': () => jsonResponse(200, { conversation: { ...unreadConversation, unreadCount: 0 }, messages: threadMessages, nextCursor: null }) }));
    renderView();
    const thread = await screen.findByRole('list', { name: 'Messages' });
    const stream = FakeEventSource.instances[0]!;
    act(() => stream.open());
    const reads = () => requests.filter((request) => request.url.pathname === '/api/conversations/c1/read').length;
    expect(reads()).toBe(0);

    act(() =>
      stream.push(
        {
          conversation: { ...unreadConversation, unreadCount: 1, updatedAt: '2026-11-25T18:10:00.000Z', lastMessage: { direction: 'in', text: 'See you then', at: '2026-11-25T18:10:00.000Z', hasMedia: true } },
          message: threadMessageJson('m3', { type: 'mms', text: 'See you then', createdAt: '2026-11-25T18:10:00.000Z', media: [{ id: 'med1', contentType: 'image/png', state: 'stored' }] }),
        },
        'inbound',
      ),
    );
    const arrived = within(thread).getByText('See you then').closest('li')!;
    expect(within(arrived).getByRole('img', { name: 'Picture 1 from +14155550123' })).toHaveAttribute('src', '/api/media/med1');
    await vi.waitFor(() => expect(reads()).toBe(1));

    // An event for another conversation changes nothing here.
    act(() => stream.push({ conversation: otherConversation, message: threadMessageJson('x1', { text: 'elsewhere' }) }, 'inbound'));
    expect(within(thread).queryByText('elsewhere')).not.toBeInTheDocument();

    act(() => stream.push({ id: 'm1', state: 'undelivered', errorCode: 30, error: 'Spam detected' }));
    expect(within(thread.querySelector('[data-message-id="m1"]') as HTMLElement).getByText('Undelivered')).toBeInTheDocument();
  });

  it('shows "Simulate a reply" only in sandbox mode, and it asks the simulator for a reply from the contact', async () => {
    const { requests } = installFakeFetch(routes({ 'POST /api/sandbox/inbound': () => jsonResponse(202, { queued: true }) }));
    const { user } = renderView('c1', true);
    await user.click(await screen.findByRole('button', { name: 'Simulate a reply' }));
    await user.click(screen.getByLabelText('With a picture (an MMS)'));
    await user.click(screen.getByRole('button', { name: 'Deliver the reply' }));
    expect(await screen.findByText(/The simulator is delivering the reply/)).toBeInTheDocument();
    const sent = requests.find((request) => request.url.pathname === '/api/sandbox/inbound');
    expect(JSON.parse(sent!.body)).toEqual({ from: '+14155550123', to: '+14155550100', text: 'Thanks, see you then!', mediaCount: 1 });
  });

  it('has no "Simulate a reply" outside the sandbox, and says when a conversation does not exist', async () => {
    installFakeFetch(routes({ 'GET /api/conversations/nope': () => jsonResponse(404, { error: 'Conversation not found.' }) }));
    renderView('nope');
    expect(await screen.findByRole('heading', { name: 'Conversation not found' })).toBeInTheDocument();
    expect(screen.getByRole('link', { name: '← Conversations' })).toHaveAttribute('href', '/conversations');
    expect(screen.queryByRole('button', { name: 'Simulate a reply' })).not.toBeInTheDocument();
  });

  it('searches by number or text on the server, and arrow keys move between conversations', async () => {
    const { requests } = installFakeFetch(routes());
    const { user } = renderView(null);
    const list = await screen.findByRole('list', { name: 'Conversations' });
    expect(screen.getByText('Choose a conversation to read it and reply.')).toBeInTheDocument();
    const links = within(list).getAllByRole('link');
    links[0]!.focus();
    await user.keyboard('{ArrowDown}');
    expect(links[1]).toHaveFocus();
    await user.keyboard('{ArrowUp}');
    expect(links[0]).toHaveFocus();

    await user.type(screen.getByLabelText('Search by number or text'), '0199');
    await vi.waitFor(() => expect(requests.some((request) => request.url.searchParams.get('q') === '0199')).toBe(true));
  });

  it('opens the one conversation with the number it was opened for (the link of a message page)', async () => {
    installFakeFetch(routes());
    const { router } = renderWithRouter(<ConversationsView selectedId={undefined} owner="ada@example.com" sandbox={false} initialSearch="+16045550199" />, {
      path: '/conversations?q=%2B16045550199',
      route: '/conversations',
    });
    await vi.waitFor(() => expect(router.state.location.pathname).toBe('/conversations/c2'));
  });
});
