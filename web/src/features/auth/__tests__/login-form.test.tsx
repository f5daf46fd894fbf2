// Drives the real next-auth/react client against a fake server, the way mmsgate answers.
import { screen, waitFor } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { LoginForm } from '@/features/auth/components/login-form';
import { installFakeFetch, jsonResponse, nextAuthRoutes } from '@/testing/fake-fetch';
import { renderWithRouter } from '@/testing/render';

const origin = window.location.origin;

async function fillAndSubmit(user: ReturnType<typeof renderWithRouter>['user']) {
  await user.type(screen.getByLabelText('Email'), 'alice@example.com');
  await user.type(screen.getByLabelText('Password'), 'wrong-password');
  await user.click(screen.getByRole('button', { name: 'Sign in' }));
}

describe('LoginForm', () => {
  it('shows a generic error when the server answers 401', async () => {
    const { requests } = installFakeFetch(
      nextAuthRoutes({
        'POST /api/auth/callback/credentials': () =>
          jsonResponse(401, { url: `${origin}/api/auth/error?error=CredentialsSignin&provider=credentials` }),
      }),
    );
    const onSignedIn = vi.fn();
    const { user } = renderWithRouter(<LoginForm callbackPath="/messages" onSignedIn={onSignedIn} />, { path: '/login', withSession: true });

    await fillAndSubmit(user);

    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Invalid email or password.');
    expect(screen.getByLabelText('Email')).toHaveAttribute('aria-describedby', alert.id);
    expect(screen.getByLabelText('Password')).toHaveAttribute('aria-invalid', 'true');
    expect(screen.getByRole('button', { name: 'Sign in' })).toBeEnabled();
    expect(onSignedIn).not.toHaveBeenCalled();

    // The wire format next-auth/react v4 uses: a form POST with the CSRF token and json=true.
    const login = requests.find((request) => request.url.pathname === '/api/auth/callback/credentials');
    const form = new URLSearchParams(login?.body);
    expect(login?.headers.get('Content-Type')).toBe('application/x-www-form-urlencoded');
    expect(Object.fromEntries(form)).toEqual({
      redirect: 'false',
      email: 'alice@example.com',
      password: 'wrong-password',
      callbackUrl: `${origin}/messages`,
      csrfToken: 'f754579da4a13510f43b64b89b7da4e87fad17e0b242d962e82f067ad6bfb75c',
      json: 'true',
    });
  });

  it('asks to retry when the CSRF check fails (403)', async () => {
    installFakeFetch(
      nextAuthRoutes({ 'POST /api/auth/callback/credentials': () => jsonResponse(403, { url: `${origin}/api/auth/signin?csrf=true&error=MissingCSRF` }) }),
    );
    const { user } = renderWithRouter(<LoginForm callbackPath="/send-mms" onSignedIn={vi.fn()} />, { path: '/login', withSession: true });
    await fillAndSubmit(user);
    expect(await screen.findByRole('alert')).toHaveTextContent('The sign-in form expired. Please try again.');
  });

  it('asks to wait when the server throttles sign-in attempts (429)', async () => {
    installFakeFetch(
      nextAuthRoutes({
        'POST /api/auth/callback/credentials': () =>
          jsonResponse(
            429,
            { url: `${origin}/api/auth/error?error=TooManyAttempts&provider=credentials`, success: false, retryAfter: 8 },
            { 'Retry-After': '8' },
          ),
      }),
    );
    const { user } = renderWithRouter(<LoginForm callbackPath="/send-mms" onSignedIn={vi.fn()} />, { path: '/login', withSession: true });
    await fillAndSubmit(user);
    expect(await screen.findByRole('alert')).toHaveTextContent('Too many sign-in attempts. Please wait a moment, then try again.');
  });

  it('reports success once the session is set', async () => {
    let signedIn = false;
    installFakeFetch(
      nextAuthRoutes({
        'GET /api/auth/session': () =>
          jsonResponse(200, signedIn ? { user: { name: 'Alice', email: 'alice@example.com' }, expires: '2099-01-01T00:00:00.000Z' } : {}),
        'POST /api/auth/callback/credentials': () => {
          signedIn = true;
          return jsonResponse(200, { url: `${origin}/messages` });
        },
      }),
    );
    const onSignedIn = vi.fn();
    const { user } = renderWithRouter(<LoginForm callbackPath="/messages" onSignedIn={onSignedIn} />, { path: '/login', withSession: true });
    await fillAndSubmit(user);
    await waitFor(() => expect(onSignedIn).toHaveBeenCalledWith('/messages'));
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
  });

  it('checks for empty fields without calling the server', async () => {
    const { requests } = installFakeFetch(nextAuthRoutes());
    const { user } = renderWithRouter(<LoginForm callbackPath="/send-mms" onSignedIn={vi.fn()} />, { path: '/login' });
    await user.click(screen.getByRole('button', { name: 'Sign in' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('Enter your email address and password.');
    expect(requests.filter((request) => request.method === 'POST')).toHaveLength(0);
  });
});
