import { act, render, screen } from '@testing-library/react';
import { beforeEach, describe, expect, it } from 'vitest';
import { resetUnreadTotal, useUnreadTotal } from '@/features/conversations/hooks/use-unread-total';
import { useDocumentTitle, useTitleCount } from '@/hooks/use-document-title';
import { FakeEventSource } from '@/testing/fake-event-source';
import { installFakeFetch, jsonResponse } from '@/testing/fake-fetch';

function Badge() {
  const unread = useUnreadTotal() ?? 0;
  useTitleCount(unread);
  useDocumentTitle('Send MMS');
  return <p>{unread} unread</p>;
}

beforeEach(() => {
  FakeEventSource.install();
  resetUnreadTotal();
});

describe('unread total', () => {
  it('shows the count in the tab title and follows the live stream until it clears', async () => {
    let total = 3;
    installFakeFetch({ 'GET /api/conversations': () => jsonResponse(200, { conversations: [], nextCursor: null, unreadTotal: total }) });
    render(<Badge />);
    expect(await screen.findByText('3 unread')).toBeInTheDocument();
    expect(document.title).toBe('(3) Send MMS · mmsgate');

    total = 4;
    act(() => FakeEventSource.instances[0]?.push({ conversation: { id: 'c1' }, message: { id: 'm1' } }, 'inbound'));
    expect(await screen.findByText('4 unread')).toBeInTheDocument();
    expect(document.title).toBe('(4) Send MMS · mmsgate');

    total = 0;
    act(() => FakeEventSource.instances[0]?.push({ id: 'c1', unreadCount: 0 }, 'conversation'));
    expect(await screen.findByText('0 unread')).toBeInTheDocument();
    expect(document.title).toBe('Send MMS · mmsgate');
  });

  it('shares one stream connection between every part of the page that follows it', async () => {
    installFakeFetch({ 'GET /api/conversations': () => jsonResponse(200, { conversations: [], nextCursor: null, unreadTotal: 1 }) });
    render(
      <>
        <Badge />
        <Badge />
      </>,
    );
    expect(await screen.findAllByText('1 unread')).toHaveLength(2);
    expect(FakeEventSource.instances).toHaveLength(1);
  });
});
