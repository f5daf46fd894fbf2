// The first-run page against a fake server answering the way mmsgate does: it needs the setup
// link's one-time token, sends it, and explains what to do without a valid one.
import { screen, waitFor } from '@testing-library/react';
import { beforeEach, describe, expect, it } from 'vitest';
import SetupRoute from '@/app/routes/setup';
import { resetServerStatusCache } from '@/features/auth/api/get-server-status';
import { installFakeFetch, jsonResponse, nextAuthRoutes, type FakeHandler } from '@/testing/fake-fetch';
import { renderWithRouter } from '@/testing/render';

const statusRoute = { 'GET /api/status': () => jsonResponse(200, { sandbox: false, version: 'test', setupRequired: true }) };

function install(setup: FakeHandler) {
  return installFakeFetch(nextAuthRoutes({ ...statusRoute, 'POST /api/setup': setup }));
}

async function fillAndSubmit(user: ReturnType<typeof renderWithRouter>['user']) {
  await user.type(await screen.findByLabelText('Name'), 'Ada Admin');
  await user.type(screen.getByLabelText('Email'), 'ada@example.com');
  await user.type(screen.getByLabelText('Password', { exact: true }), 'long enough password');
  await user.type(screen.getByLabelText('Confirm password'), 'long enough password');
  await user.click(screen.getByRole('button', { name: 'Create account' }));
}

describe('Setup page', () => {
  beforeEach(() => resetServerStatusCache());

  it('without the token from the setup link shows how to get it and no form', async () => {
    const { requests } = install(() => jsonResponse(201, { success: true, id: 'u1' }));
    renderWithRouter(<SetupRoute />, { path: '/setup' });
    expect(await screen.findByText(/Open the setup link printed by the server/)).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Create account' })).not.toBeInTheDocument();
    expect(requests.filter((request) => request.method === 'POST')).toHaveLength(0);
  });

  it('sends the token from the link with the new account', async () => {
    const { requests } = install(() => jsonResponse(201, { success: true, id: 'u1' }));
    const { user } = renderWithRouter(<SetupRoute />, { path: '/setup?token=0123abcd', route: '/setup' });
    await fillAndSubmit(user);
    await waitFor(() => expect(requests.some((request) => request.url.pathname === '/api/setup')).toBe(true));
    const setup = requests.find((request) => request.url.pathname === '/api/setup');
    expect(JSON.parse(setup?.body ?? '{}')).toEqual({
      name: 'Ada Admin',
      email: 'ada@example.com',
      password: 'long enough password',
      token: '0123abcd',
    });
  });

  it('says the link is not valid when the server refuses the token (403)', async () => {
    install(() =>
      jsonResponse(403, {
        success: false,
        error: 'This setup link is not valid: open the setup link printed by the server (it carries the setup token)',
        field: 'token',
      }),
    );
    const { user } = renderWithRouter(<SetupRoute />, { path: '/setup?token=stale', route: '/setup' });
    await fillAndSubmit(user);
    expect(await screen.findByRole('alert')).toHaveTextContent('This setup link is not valid. Open the setup link printed by the server');
    expect(screen.getByRole('button', { name: 'Create account' })).toBeEnabled();
  });
});
