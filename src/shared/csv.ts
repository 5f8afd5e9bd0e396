// RFC 4180 CSV: a field with a comma, a quote, a line break or surrounding spaces is quoted,
// and quotes inside it are doubled; lines end with CRLF, as spreadsheets expect. Text that
// starts like a formula is neutralised.

export function csvField(value: string | number | null): string {
  if (value === null) return '';
  // Text that a spreadsheet would run as a formula (a stream or directory named "=HYPERLINK(…)")
  // gets a leading apostrophe, which spreadsheets show as text (OWASP's advice for CSV export).
  const text = typeof value === 'string' && /^[=+\-@\t\r]/.test(value) ? `'${value}` : String(value);
  return /[",\r\n]|^\s|\s$/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export function toCsv(rows: readonly (readonly (string | number | null)[])[]): string {
  return rows.map((row) => row.map(csvField).join(',')).join('\r\n') + '\r\n';
}
