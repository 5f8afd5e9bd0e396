// RFC 4180 CSV: a field with a comma, a quote, a line break or surrounding spaces is quoted,
// and quotes inside it are doubled; lines end with CRLF, as spreadsheets expect.

export function csvField(value: string | number | null): string {
  if (value === null) return '';
  const text = String(value);
  return /[",\r\n]|^\s|\s$/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export function toCsv(rows: readonly (readonly (string | number | null)[])[]): string {
  return rows.map((row) => row.map(csvField).join(',')).join('\r\n') + '\r\n';
}
