// A fetch stand-in for tests: answers by "METHOD /path" and records every request, so tests run
// without a server and can check exactly what the app sent.
import { vi } from 'vitest';

export type RecordedRequest = { method: string; url: URL; headers: Headers; body: string };
export type FakeHandler = (request: RecordedRequest) => Response | Promise<Response>;

export function jsonResponse(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json', ...headers } });
}

export function installFakeFetch(routes: Record<string, FakeHandler>) {
  const requests: RecordedRequest[] = [];
  const fetchStub = vi.fn(async (input: RequestInfo | URL, init: RequestInit = {}) => {
    const url = new URL(input instanceof Request ? input.url : String(input), window.location.origin);
    const body = init.body === undefined || init.body === null ? '' : String(init.body);
    const request: RecordedRequest = { method: (init.method ?? 'GET').toUpperCase(), url, headers: new Headers(init.headers), body };
    requests.push(request);
    const handler = routes[`${request.method} ${url.pathname}`];
    if (!handler) return jsonResponse(404, { error: `no fake route for ${request.method} ${url.pathname}` });
    return handler(request);
  });
  vi.stubGlobal('fetch', fetchStub);
  return { requests, fetchStub };
}

// The endpoints next-auth/react's signIn/getSession call before the credentials POST, answered the
// way mmsgate (and NextAuth v4) answer them.
export function nextAuthRoutes(overrides: Record<string, FakeHandler> = {}): Record<string, FakeHandler> {
  const origin = window.location.origin;
  return {
    'GET /api/auth/session': () => jsonResponse(200, {}),
    'GET /api/auth/providers': () =>
      jsonResponse(200, {
        credentials: {
          id: 'credentials',
          name: 'Credentials',
          type: 'credentials',
          signinUrl: `${origin}/api/auth/signin/credentials`,
          callbackUrl: `${origin}/api/auth/callback/credentials`,
        },
      }),
    'GET /api/auth/csrf': () => jsonResponse(200, { csrfToken: 'f754579da4a13510f43b64b89b7da4e87fad17e0b242d962e82f067ad6bfb75c' }),
    'POST /api/auth/_log': () => new Response(null, { status: 200 }),
    ...overrides,
  };
}

// A live view of the recorded requests to one path (an array that always reflects what was sent
// since), for tests that count sends while other calls (a media link's preflight) also happen.
export function requestsTo(requests: RecordedRequest[], pathname: string): RecordedRequest[] {
  return new Proxy(requests, {
    get(target, property) {
      const view = target.filter((request) => request.url.pathname === pathname);
      const value: unknown = Reflect.get(view, property);
      return typeof value === 'function' ? value.bind(view) : value;
    },
  });
}
