// Sign-out through next-auth/react (GET csrf, POST signout with json=true). Even if the request
// fails the caller goes on to the login page: staying on a page that looks signed in is worse.
import { signOut } from 'next-auth/react';

export async function signOutQuietly(): Promise<void> {
  try {
    await signOut({ redirect: false });
  } catch {
    // The session cookie is HttpOnly, so there is nothing more the page itself can clear.
  }
}
