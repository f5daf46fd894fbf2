// GET /api/status: whether the server runs in sandbox mode and whether the first account still has
// to be created. Fetched once per page load and shared; setup refreshes it.
import { useEffect, useState } from 'react';
import { apiRequest } from '@/lib/api-client';

export type ServerStatus = { sandbox: boolean; version: string; setupRequired: boolean };

let cached: Promise<ServerStatus> | null = null;

function parseStatus(data: unknown): ServerStatus {
  const body = (data ?? {}) as Partial<Record<keyof ServerStatus, unknown>>;
  return {
    sandbox: body.sandbox === true,
    version: typeof body.version === 'string' ? body.version : '',
    setupRequired: body.setupRequired === true,
  };
}

export function getServerStatus(options: { refresh?: boolean } = {}): Promise<ServerStatus> {
  if (!cached || options.refresh) {
    const request = apiRequest<unknown>('/api/status', { redirectOnUnauthorized: false }).then((response) =>
      parseStatus(response.data),
    );
    // A failed look-up is retried by the next caller instead of being remembered.
    request.catch(() => {
      if (cached === request) cached = null;
    });
    cached = request;
  }
  return cached;
}

// For tests: forget what was fetched.
export function resetServerStatusCache(): void {
  cached = null;
}

export type ServerStatusState = { status: ServerStatus | undefined; error: Error | undefined };

export function useServerStatus(): ServerStatusState {
  const [state, setState] = useState<ServerStatusState>({ status: undefined, error: undefined });
  useEffect(() => {
    let active = true;
    getServerStatus().then(
      (status) => active && setState({ status, error: undefined }),
      (error: unknown) => active && setState({ status: undefined, error: error instanceof Error ? error : new Error(String(error)) }),
    );
    return () => {
      active = false;
    };
  }, []);
  return state;
}
