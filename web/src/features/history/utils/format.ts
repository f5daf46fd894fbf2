// Display helpers for the history pages.

const timeFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });
const preciseTimeFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'medium' });

export function formatTime(iso: string, precise = false): string {
  const date = new Date(iso);
  if (iso === '' || Number.isNaN(date.getTime())) return '—';
  return (precise ? preciseTimeFormat : timeFormat).format(date);
}

// Plivo prices in US dollars with five decimals ("0.01600"); four are enough to read.
export function formatCost(totalAmount: string | null): string {
  if (totalAmount === null) return '—';
  const amount = Number(totalAmount);
  if (!Number.isFinite(amount)) return totalAmount;
  return `$${amount.toFixed(4)}`;
}

export function excerpt(text: string, maxCharacters = 60): string {
  const characters = Array.from(text.replace(/\s+/g, ' ').trim());
  return characters.length <= maxCharacters ? characters.join('') : `${characters.slice(0, maxCharacters - 1).join('')}…`;
}
