import { screen } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { MessageView } from '@/features/history/components/message-view';
import { messageJson } from '@/testing/fixtures';
import { installFakeFetch, jsonResponse } from '@/testing/fake-fetch';
import { renderWithRouter } from '@/testing/render';

const scheduled = messageJson('msg_3', { to: '+12125550111', state: 'scheduled', scheduledFor: '2026-12-05T13:00:00.000Z' });
const events = [
  { state: 'scheduled', errorCode: null, errorMeaning: null, source: 'api', units: null, totalAmount: null, occurredAt: '2026-12-05T03:00:00.000Z' },
];

describe('MessageView of a scheduled message', () => {
  it('shows when it goes and cancels it only after a confirmation', async () => {
    vi.stubGlobal('EventSource', undefined);
    let cancelled = false;
    const { requests } = installFakeFetch({
      'GET /api/messages/msg_3': () => jsonResponse(200, { message: cancelled ? { ...scheduled, state: 'cancelled' } : scheduled, events }),
      'POST /api/messages/msg_3/cancel': () => {
        cancelled = true;
        return jsonResponse(200, { success: true, message: { ...scheduled, state: 'cancelled' } });
      },
    });
    const { user } = renderWithRouter(<MessageView id="msg_3" />, { path: '/messages/msg_3', route: '/messages/:id' });

    expect(await screen.findByRole('heading', { name: 'Scheduled for quiet hours' })).toBeInTheDocument();
    expect(screen.getAllByText('Scheduled').length).toBeGreaterThan(0);
    expect(screen.getByText(/Goes at/)).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Cancel sending…' }));
    expect(screen.getByRole('alertdialog')).toHaveTextContent('It will never be sent to +12125550111');
    expect(requests.some((request) => request.method === 'POST')).toBe(false);
    await user.click(screen.getByRole('button', { name: 'Yes, cancel it' }));
    expect(await screen.findByText('Cancelled. This message will not be sent.')).toBeInTheDocument();
    expect(await screen.findByText('Cancelled')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Cancel sending…' })).not.toBeInTheDocument();
  });

  it('says why when the message went already', async () => {
    vi.stubGlobal('EventSource', undefined);
    installFakeFetch({
      'GET /api/messages/msg_3': () => jsonResponse(200, { message: scheduled, events }),
      'POST /api/messages/msg_3/cancel': () =>
        jsonResponse(409, { success: false, error: 'This message can no longer be cancelled: it is accepted' }),
    });
    const { user } = renderWithRouter(<MessageView id="msg_3" />, { path: '/messages/msg_3', route: '/messages/:id' });
    await user.click(await screen.findByRole('button', { name: 'Cancel sending…' }));
    await user.click(screen.getByRole('button', { name: 'Yes, cancel it' }));
    expect(await screen.findByText(/can no longer be cancelled/)).toBeInTheDocument();
  });
});
