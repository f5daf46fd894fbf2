import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { UsersView } from '@/features/team/components/users-view';
import { roleOf } from '@/lib/role';
import { installFakeFetch, jsonResponse } from '@/testing/fake-fetch';
import { renderWithRouter } from '@/testing/render';

const users = [
  { id: 'u1', email: 'ada@example.com', name: 'Ada', role: 'admin', disabled: false, lastSignInAt: '2026-11-25T09:41:00Z', lastSignInAddress: '203.0.113.7', isYou: true },
  { id: 'u2', email: 'sam@example.com', name: null, role: 'sender', disabled: false, lastSignInAt: null, lastSignInAddress: null, isYou: false },
];

afterEach(() => vi.unstubAllGlobals());

describe('UsersView', () => {
  it('invites a person and shows the one-time link to copy', async () => {
    const { requests } = installFakeFetch({
      'GET /api/users': () => jsonResponse(200, { users }),
      'POST /api/users/invites': () =>
        jsonResponse(201, { link: 'http://localhost/invite/abc', email: 'new@example.com', role: 'viewer', kind: 'invite', expiresAt: '2026-11-27T09:41:00Z' }),
    });
    const { user } = renderWithRouter(<UsersView />);
    expect(await screen.findByText('sam@example.com')).toBeInTheDocument();
    fireEvent.change(screen.getByLabelText('E-mail address'), { target: { value: 'new@example.com' } });
    await user.selectOptions(screen.getByLabelText('Role', { exact: true }), 'viewer');
    await user.click(screen.getByRole('button', { name: 'Create invite link' }));
    expect(await screen.findByTestId('one-time-link')).toHaveTextContent('http://localhost/invite/abc');
    const sent = requests.find((request) => request.method === 'POST');
    expect(JSON.parse(sent!.body)).toEqual({ email: 'new@example.com', role: 'viewer' });
  }, 15_000);

  it('asks before disabling, then shows the account disabled', async () => {
    const { requests } = installFakeFetch({
      'GET /api/users': () => jsonResponse(200, { users }),
      'PATCH /api/users/u2': () => jsonResponse(200, { user: { ...users[1], disabled: true } }),
    });
    const { user } = renderWithRouter(<UsersView />);
    const row = (await screen.findByText('sam@example.com')).closest('li')!;
    await user.click(within(row).getByRole('button', { name: 'Disable…' }));
    expect(requests.some((request) => request.method === 'PATCH')).toBe(false);
    await user.click(within(row).getByRole('button', { name: 'Disable' }));
    await waitFor(() => expect(within(row).getByText(/Disabled/)).toBeInTheDocument());
    expect(JSON.parse(requests.find((request) => request.method === 'PATCH')!.body)).toEqual({ disabled: true });
  }, 15_000);
});

describe('roleOf', () => {
  it('reads the session role and treats a missing one as sender', () => {
    expect(roleOf({ role: 'viewer' })).toBe('viewer');
    expect(roleOf({ role: 'admin' })).toBe('admin');
    expect(roleOf({})).toBe('sender');
    expect(roleOf(undefined)).toBe('sender');
  });
});
