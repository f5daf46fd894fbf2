// App-wide providers. SessionProvider (next-auth/react) loads GET {basePath}/session on start, on
// tab focus and when another tab signs in or out.
import type { ReactNode } from 'react';
import { SessionProvider } from 'next-auth/react';
import { env } from '@/config/env';

export function AppProvider({ children }: { children: ReactNode }) {
  return (
    <SessionProvider basePath={env.authBasePath} refetchOnWindowFocus>
      {children}
    </SessionProvider>
  );
}
