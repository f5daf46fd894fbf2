import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { ApiKey } from '@/features/api-keys/api/api-keys';
import { ApiKeysView } from '@/features/api-keys/components/api-keys-view';
import { installFakeFetch, jsonResponse } from '@/testing/fake-fetch';
import { renderWithRouter } from '@/testing/render';

const existing: ApiKey = {
  id: 'key_1',
  name: 'CRM',
  prefix: 'mmsk_AbCd1234',
  scopes: ['messages:read'],
  ownerId: 'user_1',
  ownerEmail: 'alice@example.com',
  expiresAt: null,
  createdAt: '2026-11-25T18:00:00.000Z',
  lastUsedAt: '2026-11-26T09:00:00.000Z',
  lastUsedAddress: '203.0.113.7',
  revokedAt: null,
  revokedBy: null,
};
const secret = `mmsk_${'x'.repeat(49)}`;

describe('ApiKeysView', () => {
  it('creates a key, shows it once, and revokes a key only after confirming', async () => {
    const { requests } = installFakeFetch({
      'GET /api/keys': () => jsonResponse(200, { keys: [existing] }),
      'POST /api/keys': () =>
        jsonResponse(201, { key: secret, apiKey: { ...existing, id: 'key_2', name: 'Deploy', prefix: 'mmsk_Zz', scopes: ['messages:send'] } }),
      'POST /api/keys/key_1/revoke': () => jsonResponse(200, { apiKey: { ...existing, revokedAt: '2026-11-27T00:00:00.000Z' } }),
    });
    const { user } = renderWithRouter(<ApiKeysView />, { path: '/settings/keys', route: '/settings/keys' });

    const row = await screen.findByRole('listitem', { name: 'API key CRM' });
    expect(row).toHaveTextContent('mmsk_AbCd1234…');
    expect(row).toHaveTextContent('203.0.113.7');
    expect(row).toHaveTextContent('Expires: never');

    await user.type(screen.getByLabelText('Name'), 'Deploy');
    await user.click(screen.getByRole('button', { name: 'Create key' }));
    expect(await screen.findByTestId('new-api-key')).toHaveTextContent(secret);
    expect(screen.getByText('Key created. Copy it now: you will not see it again.')).toBeInTheDocument();
    const created = requests.find((request) => request.method === 'POST' && request.url.pathname === '/api/keys');
    expect(JSON.parse(created?.body ?? '{}')).toEqual({ name: 'Deploy', scopes: ['messages:send'], expiresInDays: 90 });
    await user.click(screen.getByRole('button', { name: 'I have stored it' }));
    expect(screen.queryByTestId('new-api-key')).not.toBeInTheDocument();

    await user.click(within(row).getByRole('button', { name: 'Revoke' }));
    expect(requests.filter((request) => request.url.pathname.endsWith('/revoke'))).toHaveLength(0);
    await user.click(within(screen.getByRole('alertdialog', { name: 'Revoke CRM?' })).getByRole('button', { name: 'Yes, revoke it' }));
    expect(await within(row).findByText('Revoked')).toBeInTheDocument();
    expect(within(row).queryByRole('button', { name: 'Revoke' })).not.toBeInTheDocument();
    // Many steps of typing and clicking: more than the default 5 s on a busy machine.
  }, 30000);
});
