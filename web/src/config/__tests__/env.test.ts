import { describe, expect, it } from 'vitest';
import { createEnv } from '@/config/env';

describe('createEnv', () => {
  it('defaults to same-origin paths', () => {
    expect(createEnv({})).toEqual({ authBasePath: '/api/auth', apiBaseUrl: '' });
  });

  it('accepts a custom auth base path and API prefix', () => {
    expect(createEnv({ VITE_AUTH_BASE_PATH: '/mms/api/auth', VITE_API_BASE_URL: '/mms' })).toEqual({
      authBasePath: '/mms/api/auth',
      apiBaseUrl: '/mms',
    });
  });

  it.each([
    [{ VITE_AUTH_BASE_PATH: 'api/auth' }],
    [{ VITE_AUTH_BASE_PATH: '/api/auth/' }],
    [{ VITE_API_BASE_URL: '/mms/' }],
    [{ VITE_API_BASE_URL: 'ftp://example.com' }],
  ])('refuses %j at start-up', (raw) => {
    expect(() => createEnv(raw)).toThrow(/must/);
  });
});
