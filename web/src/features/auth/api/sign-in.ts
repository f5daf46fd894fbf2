// Credentials sign-in through the real next-auth/react client (GET providers, GET csrf, then POST
// callback/credentials with json=true). The server answers a bad password with 401 and a CSRF
// failure with 403, too many attempts (or a saturated server) with 429, each with
// {"url": "...?error=..."}; signIn turns that into {ok:false, error, status}.
import { signIn } from 'next-auth/react';

export type SignInOutcome = { ok: true } | { ok: false; reason: 'invalid-credentials' | 'expired-form' | 'throttled' | 'unavailable' };

export const signInMessages: Record<Exclude<SignInOutcome, { ok: true }>['reason'], string> = {
  'invalid-credentials': 'Invalid email or password.',
  'expired-form': 'The sign-in form expired. Please try again.',
  throttled: 'Too many sign-in attempts. Please wait a moment, then try again.',
  unavailable: 'Signing in is not possible right now. Please try again in a moment.',
};

export async function signInWithCredentials(input: {
  email: string;
  password: string;
  callbackPath: string;
}): Promise<SignInOutcome> {
  try {
    const result = await signIn('credentials', {
      redirect: false,
      email: input.email,
      password: input.password,
      // NextAuth only accepts same-origin callback URLs; it is echoed back, we navigate ourselves.
      callbackUrl: new URL(input.callbackPath, window.location.origin).toString(),
    });
    if (result?.ok && !result.error) return { ok: true };
    if (result?.status === 401 || result?.error === 'CredentialsSignin') return { ok: false, reason: 'invalid-credentials' };
    if (result?.status === 403) return { ok: false, reason: 'expired-form' };
    if (result?.status === 429) return { ok: false, reason: 'throttled' };
    return { ok: false, reason: 'unavailable' };
  } catch {
    // A network failure or a non-JSON answer makes the client throw.
    return { ok: false, reason: 'unavailable' };
  }
}
