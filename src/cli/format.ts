import { format } from 'date-fns/format';

/** A local date and time, the way a person reads it in a terminal. */
export function formatLocalTime(ms: number | null | undefined): string {
  if (ms == null) return '—';
  return format(ms, 'yyyy-MM-dd HH:mm');
}

/** An epoch-millisecond time as ISO 8601 UTC, for --json output. */
export function isoOrNull(ms: number | null | undefined): string | null {
  return ms == null ? null : new Date(ms).toISOString();
}

export { formatDuration } from '../shared/wording';

const ESCAPES: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/** Bidirectional controls (U+202E and kin): they reorder what follows, so a name could disguise a row. */
const BIDI_CONTROLS = '\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069';
const UNPRINTABLE = new RegExp(`[\\p{Cc}${BIDI_CONTROLS}]`, 'gu');

/**
 * Text from outside (a directory name, a prompt) as one printable line: line breaks, control
 * characters and bidirectional controls are shown escaped, so that they can neither split a
 * table row, nor send the terminal an escape sequence, nor reverse what a row says.
 */
export function printable(text: string): string {
  return text.replace(UNPRINTABLE, (c) => {
    const code = c.charCodeAt(0);
    return (
      ESCAPES[c] ??
      (code < 0x100 ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`)
    );
  });
}

/** Left-aligned columns of printable cells; the last column is not padded. */
export function formatTable(header: string[], rawRows: string[][]): string {
  const rows = rawRows.map((row) => row.map(printable));
  const all = [header, ...rows];
  const widths = header.map((_, i) => all.reduce((width, row) => Math.max(width, (row[i] ?? '').length), 0));
  return all
    .map((row) =>
      row
        .map((cell, i) => (i === row.length - 1 ? cell : cell.padEnd(widths[i] ?? 0)))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}
