/** `text` for a LIKE pattern with a backslash as ESCAPE: its %, _ and backslashes match only themselves. */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}
