// Turns the filter form (kept in the page URL so reload and back keep it) into the API's query.
import { emptyFilters, type MessageFilters } from '@/features/history/types';

const filterKeys = ['state', 'q', 'recipient', 'from', 'to'] as const;

export function filtersFromSearch(search: URLSearchParams): MessageFilters {
  const filters = { ...emptyFilters };
  for (const key of filterKeys) filters[key] = search.get(key) ?? '';
  return filters;
}

export function filtersToSearch(filters: MessageFilters): URLSearchParams {
  const search = new URLSearchParams();
  for (const key of filterKeys) if (filters[key].trim() !== '') search.set(key, filters[key].trim());
  return search;
}

// "(415) 555-0100" -> "+14155550100"; anything that is not a plain NANP number is sent as typed.
export function normaliseRecipientFilter(value: string): string {
  const trimmed = value.trim();
  if (!/^[+\d\s().-]+$/.test(trimmed)) return trimmed;
  const digits = trimmed.replace(/\D/g, '');
  if (digits.length === 10) return `+1${digits}`;
  if (digits.length === 11 && digits.startsWith('1')) return `+${digits}`;
  return trimmed.startsWith('+') ? `+${digits}` : trimmed;
}

function dayBoundary(day: string, endOfDay: boolean): string | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!match) return null;
  const [, year, month, date] = match.map(Number) as [number, number, number, number];
  const boundary = endOfDay ? new Date(year, month - 1, date, 23, 59, 59, 999) : new Date(year, month - 1, date);
  return Number.isNaN(boundary.getTime()) ? null : boundary.toISOString();
}

// The query for GET /api/messages and export.csv: dates become ISO instants covering whole local days.
export function filtersToApiQuery(filters: MessageFilters, extra: Record<string, string> = {}): URLSearchParams {
  const query = new URLSearchParams();
  if (filters.state) query.set('state', filters.state);
  if (filters.q.trim()) query.set('q', filters.q.trim());
  if (filters.recipient.trim()) query.set('recipient', normaliseRecipientFilter(filters.recipient));
  const from = dayBoundary(filters.from, false);
  if (from) query.set('from', from);
  const to = dayBoundary(filters.to, true);
  if (to) query.set('to', to);
  for (const [key, value] of Object.entries(extra)) query.set(key, value);
  return query;
}

export function activeFilterCount(filters: MessageFilters): number {
  return filterKeys.filter((key) => filters[key].trim() !== '').length;
}

export function hasActiveFilters(filters: MessageFilters): boolean {
  return activeFilterCount(filters) > 0;
}
