// Add/remove/update for a list of input rows. Adding a row focuses it; removing one focuses the row
// before it, so keyboard users are never dropped back at the top of the page.
import { useRef } from 'react';
import { newRow, type Row } from '@/features/send-mms/utils/rows';

export function useEditableRows(rows: Row[], onChange: (rows: Row[]) => void, maxRows: number) {
  const focusKey = useRef<number | null>(null);

  const focusRef = (key: number) => (element: HTMLInputElement | null) => {
    if (element && focusKey.current === key) {
      focusKey.current = null;
      element.focus();
    }
  };

  const add = () => {
    if (rows.length >= maxRows) return;
    const row = newRow();
    focusKey.current = row.key;
    onChange([...rows, row]);
  };

  const remove = (key: number) => {
    const index = rows.findIndex((row) => row.key === key);
    const remaining = rows.filter((row) => row.key !== key);
    focusKey.current = remaining[Math.max(0, index - 1)]?.key ?? null;
    onChange(remaining);
  };

  const update = (key: number, change: Partial<Row>) =>
    onChange(rows.map((row) => (row.key === key ? { ...row, ...change } : row)));

  return { add, remove, update, focusRef, canAdd: rows.length < maxRows };
}
