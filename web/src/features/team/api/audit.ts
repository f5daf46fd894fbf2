// The audit log (admins; GET /api/audit, GET /api/audit/export.csv).
import { apiRequest } from '@/lib/api-client';

export type AuditEntry = {
  id: string;
  occurredAt: string;
  action: string;
  outcome: 'success' | 'failure';
  actorId: string | null;
  actorLabel: string;
  targetType: string;
  targetId: string;
  clientAddress: string;
  detail: Record<string, unknown>;
};

export type AuditFilters = { action: string; actor: string; from: string; to: string; q: string };
export const emptyAuditFilters: AuditFilters = { action: '', actor: '', from: '', to: '', q: '' };

// datetime-local values are local times; the API wants ISO 8601.
function toIso(local: string): string {
  const time = new Date(local);
  return Number.isNaN(time.getTime()) ? '' : time.toISOString();
}

export function auditQuery(filters: AuditFilters, cursor?: string): string {
  const params = new URLSearchParams();
  if (filters.action) params.set('action', filters.action);
  if (filters.actor.trim()) params.set('actor', filters.actor.trim());
  if (filters.q.trim()) params.set('q', filters.q.trim());
  if (filters.from && toIso(filters.from)) params.set('from', toIso(filters.from));
  if (filters.to && toIso(filters.to)) params.set('to', toIso(filters.to));
  if (cursor) params.set('cursor', cursor);
  return params.toString();
}

export async function listAuditEntries(filters: AuditFilters, cursor?: string): Promise<{ entries: AuditEntry[]; nextCursor: string | null }> {
  const response = await apiRequest<{ entries?: AuditEntry[]; nextCursor?: string | null }>(`/api/audit?${auditQuery(filters, cursor)}`);
  return { entries: response.data?.entries ?? [], nextCursor: response.data?.nextCursor ?? null };
}

export function auditExportHref(filters: AuditFilters): string {
  return `/api/audit/export.csv?${auditQuery(filters)}`;
}
