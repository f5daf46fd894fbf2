// Start-up configuration, read once from Vite's build-time env and checked so that a bad build fails
// on load with a clear message instead of sending requests to the wrong place.
// The app is served by mmsgate itself, so every path is relative to the page's own origin.

export type AppEnv = {
  // Where NextAuth's endpoints live ("/api/auth"); handed to SessionProvider as basePath.
  authBasePath: string;
  // Prefix for the JSON API ("" = same origin, the only setup mmsgate serves).
  apiBaseUrl: string;
};

type RawEnv = Record<string, string | boolean | undefined>;

function readPath(raw: RawEnv, name: string, fallback: string): string {
  const value = raw[name];
  if (value === undefined || value === '') return fallback;
  if (typeof value !== 'string') throw new Error(`${name} must be a string`);
  return value;
}

export function createEnv(raw: RawEnv): AppEnv {
  const authBasePath = readPath(raw, 'VITE_AUTH_BASE_PATH', '/api/auth');
  if (!authBasePath.startsWith('/') || authBasePath.endsWith('/')) {
    throw new Error(`VITE_AUTH_BASE_PATH must start with "/" and not end with "/" (got "${authBasePath}")`);
  }
  const apiBaseUrl = readPath(raw, 'VITE_API_BASE_URL', '');
  if (apiBaseUrl !== '' && (!/^(https?:\/\/[^/]+)?\/[^?#]*$/.test(apiBaseUrl) || apiBaseUrl.endsWith('/'))) {
    throw new Error(`VITE_API_BASE_URL must be empty, a path or an http(s) origin without a trailing "/" (got "${apiBaseUrl}")`);
  }
  return { authBasePath, apiBaseUrl };
}

export const env: AppEnv = createEnv(import.meta.env as RawEnv);
