// The webhook administration API (admins only; docs/openapi.yaml, /api/webhooks…).
import { apiRequest } from '@/lib/api-client';

export const webhookEventTypes = ['message.state_changed', 'message.received', 'contact.opted_out', 'contact.opted_in'] as const;
export type WebhookEventType = (typeof webhookEventTypes)[number];

export type WebhookEndpoint = {
  id: string;
  url: string;
  description: string;
  events: WebhookEventType[];
  enabled: boolean;
  disabledReason: string | null;
  allowPrivateAddress: boolean;
  consecutiveFailures: number;
  failingSince: string | null;
  previousSecretValidUntil: string | null;
  createdAt: string;
  updatedAt: string;
};

export type WebhookDelivery = {
  id: string;
  eventId: string;
  eventType: WebhookEventType;
  state: 'pending' | 'delivered' | 'failed' | 'abandoned';
  attempts: number;
  nextAttemptAt: string | null;
  lastStatus: number | null;
  lastLatencyMs: number | null;
  lastResponseExcerpt: string | null;
  lastError: string | null;
  deliveredAt: string | null;
  occurredAt: string;
};

export type NewWebhook = { url: string; description: string; events: WebhookEventType[]; allowPrivateAddress: boolean };

export async function listWebhooks(): Promise<WebhookEndpoint[]> {
  const response = await apiRequest<{ endpoints?: WebhookEndpoint[] }>('/api/webhooks');
  return response.data?.endpoints ?? [];
}

// The secret is in this answer only: show it once, never store it.
export async function createWebhook(input: NewWebhook): Promise<{ endpoint: WebhookEndpoint; secret: string }> {
  const response = await apiRequest<{ endpoint: WebhookEndpoint; secret: string }>('/api/webhooks', { method: 'POST', json: input });
  return response.data;
}

export async function setWebhookEnabled(id: string, enabled: boolean): Promise<WebhookEndpoint> {
  const response = await apiRequest<{ endpoint: WebhookEndpoint }>(`/api/webhooks/${encodeURIComponent(id)}`, {
    method: 'PATCH',
    json: { enabled },
  });
  return response.data.endpoint;
}

export async function listDeliveries(id: string): Promise<WebhookDelivery[]> {
  const response = await apiRequest<{ deliveries?: WebhookDelivery[] }>(`/api/webhooks/${encodeURIComponent(id)}/deliveries?limit=50`);
  return response.data?.deliveries ?? [];
}

export async function replayDelivery(id: string): Promise<void> {
  await apiRequest(`/api/webhooks/deliveries/${encodeURIComponent(id)}/replay`, { method: 'POST', json: {} });
}
