// Whether the browser has a valid session right now, asked of the server once (GET
// {authBasePath}/session) instead of trusting SessionProvider's remembered answer: after the cookie
// expired or was cleared, that answer still says "signed in" until its next refresh, and the login
// page would send the person straight back to the page that needs a session.
import { useEffect, useState } from 'react';
import { env } from '@/config/env';
import { apiRequest } from '@/lib/api-client';

export function useSignedInNow(): boolean | undefined {
  const [signedIn, setSignedIn] = useState<boolean | undefined>(undefined);
  useEffect(() => {
    const controller = new AbortController();
    apiRequest<{ user?: unknown } | null>(`${env.authBasePath}/session`, { signal: controller.signal, redirectOnUnauthorized: false }).then(
      (response) => setSignedIn(Boolean(response.data && typeof response.data === 'object' && response.data.user)),
      () => {
        if (!controller.signal.aborted) setSignedIn(false);
      },
    );
    return () => controller.abort();
  }, []);
  return signedIn;
}
