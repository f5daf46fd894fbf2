// The API-key administration API (admins, signed in; docs/openapi.yaml, /api/keys…).
import { apiRequest } from '@/lib/api-client';

export const apiKeyScopes = [
  { scope: 'messages:send', label: 'Send messages' },
  { scope: 'messages:read', label: 'Read message history' },
  { scope: 'conversations:read', label: 'Read conversations' },
  { scope: 'suppressions:read', label: 'Read the suppression list' },
  { scope: 'suppressions:write', label: 'Change the suppression list' },
  { scope: 'admin', label: 'Administer (users, webhooks, settings)' },
] as const;
export type ApiKeyScope = (typeof apiKeyScopes)[number]['scope'];

export type ApiKey = {
  id: string;
  name: string;
  prefix: string;
  scopes: ApiKeyScope[];
  ownerId: string;
  ownerEmail: string | null;
  expiresAt: string | null;
  createdAt: string;
  lastUsedAt: string | null;
  lastUsedAddress: string | null;
  revokedAt: string | null;
  revokedBy: string | null;
};

export type NewApiKey = { name: string; scopes: ApiKeyScope[]; expiresInDays: number | null };

export async function listApiKeys(): Promise<ApiKey[]> {
  const response = await apiRequest<{ keys?: ApiKey[] }>('/api/keys');
  return response.data?.keys ?? [];
}

// The key is in this answer only: show it once, never store it.
export async function createApiKey(input: NewApiKey): Promise<{ key: string; apiKey: ApiKey }> {
  const response = await apiRequest<{ key: string; apiKey: ApiKey }>('/api/keys', { method: 'POST', json: input });
  return response.data;
}

export async function revokeApiKey(id: string): Promise<ApiKey> {
  const response = await apiRequest<{ apiKey: ApiKey }>(`/api/keys/${encodeURIComponent(id)}/revoke`, { method: 'POST', json: {} });
  return response.data.apiKey;
}
