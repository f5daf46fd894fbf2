// The invite/reset-link form against a fake server: it sets the password, then signs in with the
// link's address; a refusal naming a field is shown at that field.
import { screen, waitFor } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { AcceptLinkForm } from '@/features/team/components/accept-link-form';
import { installFakeFetch, jsonResponse, nextAuthRoutes, type FakeHandler } from '@/testing/fake-fetch';
import { renderWithRouter } from '@/testing/render';

const origin = window.location.origin;
const invite = { kind: 'invite', email: 'sam@example.com', role: 'sender', expiresAt: '2026-11-27T09:41:00Z' } as const;
const password = 'long enough password';

function install(accept: FakeHandler) {
  return installFakeFetch(
    nextAuthRoutes({
      'POST /api/invites/abc': accept,
      'POST /api/auth/callback/credentials': () => jsonResponse(200, { url: `${origin}/send-mms` }),
    }),
  );
}

async function fillAndSubmit(user: ReturnType<typeof renderWithRouter>['user']) {
  await user.type(screen.getByLabelText('Name'), 'Sam');
  await user.type(screen.getByLabelText('Password', { exact: true }), password);
  await user.type(screen.getByLabelText('Confirm password'), password);
  await user.click(screen.getByRole('button', { name: 'Create account' }));
}

describe('AcceptLinkForm', () => {
  it('sets the password, then signs in with the address of the link', async () => {
    const { requests } = install(() => jsonResponse(200, { email: invite.email, role: invite.role }));
    const onSignedIn = vi.fn();
    const { user } = renderWithRouter(<AcceptLinkForm token="abc" link={invite} signedInPath="/send-mms" onSignedIn={onSignedIn} />, {
      path: '/invite/abc',
      withSession: true,
    });
    await fillAndSubmit(user);
    await waitFor(() => expect(onSignedIn).toHaveBeenCalledWith('/send-mms'));
    const accepted = requests.find((request) => request.url.pathname === '/api/invites/abc');
    expect(JSON.parse(accepted?.body ?? '{}')).toEqual({ name: 'Sam', password });
    const signIn = new URLSearchParams(requests.find((request) => request.url.pathname === '/api/auth/callback/credentials')?.body);
    expect(signIn.get('email')).toBe(invite.email);
  }, 15_000);

  it('shows the refusal at the field the server names and does not sign in', async () => {
    const { requests } = install(() => jsonResponse(400, { success: false, error: 'Choose a password that is not this common', field: 'password' }));
    const onSignedIn = vi.fn();
    const { user } = renderWithRouter(<AcceptLinkForm token="abc" link={invite} signedInPath="/send-mms" onSignedIn={onSignedIn} />, {
      path: '/invite/abc',
      withSession: true,
    });
    await fillAndSubmit(user);
    expect(await screen.findByText('Choose a password that is not this common')).toBeInTheDocument();
    expect(screen.getByLabelText('Password', { exact: true })).toHaveAttribute('aria-invalid', 'true');
    expect(screen.getByRole('button', { name: 'Create account' })).toBeEnabled();
    expect(requests.some((request) => request.url.pathname === '/api/auth/callback/credentials')).toBe(false);
    expect(onSignedIn).not.toHaveBeenCalled();
  }, 15_000);
});
