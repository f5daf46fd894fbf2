// Editable lists of inputs (recipients, media URLs) with keys that stay stable while rows are
// added and removed, so React keeps focus and each row's state where they belong.

export type Row = { key: number; value: string; touched: boolean };

let nextKey = 1;

export function newRow(value = ''): Row {
  nextKey += 1;
  return { key: nextKey, value, touched: false };
}

// Splits pasted text like "415 555 0100, 604 555 0199" into separate entries.
export function splitPastedList(text: string): string[] {
  return text
    .split(/[,;\n\r\t]+/)
    .map((part) => part.trim())
    .filter((part) => part !== '');
}
