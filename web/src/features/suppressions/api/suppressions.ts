// The suppression list API (docs/openapi.yaml, /api/suppressions…): reading needs suppressions:read
// (admins and senders), changes suppressions:write (admins).
import { apiRequest, apiUrl } from '@/lib/api-client';

export type Suppression = {
  id: string;
  number: string;
  ourNumber: string;
  source: 'keyword' | 'intent' | 'plivo_error' | 'admin' | 'import';
  keyword: string | null;
  text: string;
  reason: string;
  createdAt: string;
  createdBy: string;
  active: boolean;
  endedAt: string | null;
  endedBy: string | null;
  endSource: string | null;
  endReason: string | null;
};

export type SuppressionStatus = 'active' | 'ended' | 'all';
export type SuppressionPage = { suppressions: Suppression[]; total: number; limit: number; offset: number };
export type SuppressionCheck = { number: string; suppressed: boolean; reason: string | null };
export type ImportResult = { added: number; alreadyListed: number; rejected: { line: number; number: string; error: string }[] };

export async function listSuppressions(query: { status: SuppressionStatus; q: string; offset: number; limit: number }): Promise<SuppressionPage> {
  const search = new URLSearchParams({ status: query.status, q: query.q, offset: String(query.offset), limit: String(query.limit) });
  const response = await apiRequest<SuppressionPage>(`/api/suppressions?${search}`);
  return response.data;
}

export async function addSuppression(number: string, note: string): Promise<Suppression> {
  const response = await apiRequest<{ suppression: Suppression }>('/api/suppressions', { method: 'POST', json: { number, note } });
  return response.data.suppression;
}

export async function endSuppression(id: string, reason: string): Promise<Suppression> {
  const response = await apiRequest<{ suppression: Suppression }>(`/api/suppressions/${encodeURIComponent(id)}/end`, {
    method: 'POST',
    json: { reason },
  });
  return response.data.suppression;
}

export async function checkSuppression(number: string, signal?: AbortSignal): Promise<SuppressionCheck> {
  const response = await apiRequest<SuppressionCheck>(`/api/suppressions/check?${new URLSearchParams({ number })}`, signal ? { signal } : {});
  return response.data;
}

export async function importSuppressions(csv: string): Promise<ImportResult> {
  const response = await fetch(apiUrl('/api/suppressions/import'), {
    method: 'POST',
    headers: { 'Content-Type': 'text/csv', Accept: 'application/json' },
    credentials: 'same-origin',
    body: csv,
  });
  const body = (await response.json().catch(() => null)) as (ImportResult & { error?: string }) | null;
  if (!response.ok || !body) throw new Error(body?.error ?? `The import failed (${response.status}).`);
  return body;
}

export async function confirmFlaggedOptOut(messageId: string): Promise<void> {
  await apiRequest('/api/suppressions/confirm-flagged', { method: 'POST', json: { messageId } });
}

export const exportUrl = () => apiUrl('/api/suppressions/export.csv');
