import { describe, expect, it } from 'vitest';
import { exportCsvHref } from '@/features/history/api/get-messages';
import { emptyFilters } from '@/features/history/types';
import { filtersFromSearch, filtersToApiQuery, filtersToSearch, normaliseRecipientFilter } from '@/features/history/utils/filters';

describe('history filters', () => {
  it('round-trips through the page URL', () => {
    const filters = { state: 'failed', q: 'coffee', recipient: '+14155550100', from: '2026-11-01', to: '2026-11-30' };
    expect(filtersFromSearch(filtersToSearch(filters))).toEqual(filters);
    expect(filtersToSearch(emptyFilters).toString()).toBe('');
  });

  it('turns days into ISO instants covering the whole local days', () => {
    const query = filtersToApiQuery({ ...emptyFilters, from: '2026-11-01', to: '2026-11-30' });
    expect(query.get('from')).toBe(new Date(2026, 10, 1, 0, 0, 0, 0).toISOString());
    expect(query.get('to')).toBe(new Date(2026, 10, 30, 23, 59, 59, 999).toISOString());
  });

  it('normalises a typed phone number to E.164', () => {
    expect(normaliseRecipientFilter('(415) 555-0100')).toBe('+14155550100');
    expect(normaliseRecipientFilter('1 415 555 0100')).toBe('+14155550100');
    expect(normaliseRecipientFilter('+1 415 555 0100')).toBe('+14155550100');
    expect(normaliseRecipientFilter('5550100')).toBe('5550100');
  });

  it('builds the CSV link with the same filters and no paging', () => {
    expect(exportCsvHref(emptyFilters)).toBe('/api/messages/export.csv');
    const href = exportCsvHref({ ...emptyFilters, state: 'delivered', recipient: '415 555 0100' });
    expect(href).toBe('/api/messages/export.csv?state=delivered&recipient=%2B14155550100');
  });

  it('sends the search as typed', () => {
    expect(filtersToApiQuery({ ...emptyFilters, q: ' 0112 ' }).toString()).toBe('q=0112');
  });

  it('adds paging parameters for the list', () => {
    const query = filtersToApiQuery({ ...emptyFilters, state: 'queued' }, { limit: '50', cursor: 'abc' });
    expect(query.toString()).toBe('state=queued&limit=50&cursor=abc');
  });
});
