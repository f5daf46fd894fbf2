// Sanitises the `callbackUrl` a login link carries, so signing in can only lead to a page of this
// app (an open redirect to another site would make phishing links look like ours).

const apiPrefix = '/api/';
const loginPath = '/login';

export function safeCallbackPath(raw: string | null | undefined, origin: string = window.location.origin): string | null {
  if (!raw) return null;
  const trimmed = raw.trim();
  // "//evil.example" and "/\evil.example" are protocol-relative to browsers.
  const isPlainPath = trimmed.startsWith('/') && !trimmed.startsWith('//') && !trimmed.startsWith('/\\');
  const looksAbsolute = /^[a-zA-Z][a-zA-Z0-9+.-]*:/.test(trimmed);
  if (!isPlainPath && !looksAbsolute) return null;
  let url: URL;
  try {
    url = new URL(trimmed, origin);
  } catch {
    return null;
  }
  if (url.origin !== origin) return null;
  const path = `${url.pathname}${url.search}${url.hash}`;
  // API paths are not pages, and going back to the login page would loop.
  if (url.pathname.startsWith(apiPrefix) || url.pathname === loginPath) return null;
  return path;
}

// The path and query of the current location, the form a login link carries back.
export function currentPathWithSearch(location: { pathname: string; search: string }): string {
  return `${location.pathname}${location.search}`;
}
