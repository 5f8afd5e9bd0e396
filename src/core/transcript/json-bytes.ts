// A minimal JSON walker over raw UTF-8 bytes. Transcript lines can be megabytes of tool
// output, and the index needs a dozen small top-level fields from each. Walking the bytes
// lets us skip big values without decoding or building them: inside a string we jump from
// quote to quote with indexOf (memchr speed), so the cost follows the number of strings and
// structural bytes, not the number of content bytes.
//
// It is lenient inside values it skips (it checks nesting and strings, not number syntax),
// and strict about the structure it walks: anything it cannot walk is a MalformedJson.

// The bytes of JSON's structure (shared with the oversized-line fold).
export const QUOTE = 0x22;
export const BACKSLASH = 0x5c;
export const OPEN_BRACE = 0x7b;
export const CLOSE_BRACE = 0x7d;
export const OPEN_BRACKET = 0x5b;
export const CLOSE_BRACKET = 0x5d;
const COLON = 0x3a;
export const COMMA = 0x2c;

export class MalformedJson extends Error {}

const utf8 = new TextDecoder();

function isSpace(byte: number | undefined): boolean {
  return byte === 0x20 || byte === 0x0a || byte === 0x0d || byte === 0x09;
}

export function skipSpace(bytes: Uint8Array, pos: number, end: number): number {
  while (pos < end && isSpace(bytes[pos])) pos++;
  return pos;
}

/** `pos` is at an opening quote; returns the index of the matching closing quote. */
export function stringEnd(bytes: Uint8Array, pos: number, end: number): number {
  let quote = pos;
  for (;;) {
    quote = bytes.indexOf(QUOTE, quote + 1);
    if (quote < 0 || quote >= end) throw new MalformedJson('unterminated string');
    let backslashes = 0;
    while (bytes[quote - 1 - backslashes] === BACKSLASH) backslashes++;
    if (backslashes % 2 === 0) return quote;
  }
}

/** Returns the index just past the JSON value that starts at `pos`. */
export function skipValue(bytes: Uint8Array, pos: number, end: number): number {
  const first = bytes[pos];
  if (first === QUOTE) return stringEnd(bytes, pos, end) + 1;
  if (first === OPEN_BRACE || first === OPEN_BRACKET) {
    let depth = 0;
    let i = pos;
    while (i < end) {
      const byte = bytes[i]!;
      if (byte === QUOTE) {
        i = stringEnd(bytes, i, end) + 1;
        continue;
      }
      if (byte === OPEN_BRACE || byte === OPEN_BRACKET) depth++;
      else if (byte === CLOSE_BRACE || byte === CLOSE_BRACKET) {
        depth--;
        if (depth === 0) return i + 1;
      }
      i++;
    }
    throw new MalformedJson('unterminated object or array');
  }
  // A number or a literal: runs until a delimiter.
  let i = pos;
  while (i < end) {
    const byte = bytes[i]!;
    if (byte === COMMA || byte === CLOSE_BRACE || byte === CLOSE_BRACKET || isSpace(byte)) break;
    i++;
  }
  if (i === pos) throw new MalformedJson('missing value');
  return i;
}

/**
 * Calls `visit(keyStart, keyEnd, valueStart, valueEnd)` for each member of the object at
 * `pos` (key bounds exclude the quotes). `visit` returns false to stop early. Returns the
 * index past the object, or -1 when stopped early.
 */
export function walkObject(
  bytes: Uint8Array,
  pos: number,
  end: number,
  visit: (keyStart: number, keyEnd: number, valueStart: number, valueEnd: number) => boolean,
): number {
  pos = skipSpace(bytes, pos, end);
  if (bytes[pos] !== OPEN_BRACE) throw new MalformedJson('not an object');
  pos = skipSpace(bytes, pos + 1, end);
  if (bytes[pos] === CLOSE_BRACE) return pos + 1;
  for (;;) {
    if (bytes[pos] !== QUOTE) throw new MalformedJson('expected a key');
    const keyStart = pos + 1;
    const keyEnd = stringEnd(bytes, pos, end);
    pos = skipSpace(bytes, keyEnd + 1, end);
    if (bytes[pos] !== COLON) throw new MalformedJson('expected a colon');
    const valueStart = skipSpace(bytes, pos + 1, end);
    const valueEnd = skipValue(bytes, valueStart, end);
    if (!visit(keyStart, keyEnd, valueStart, valueEnd)) return -1;
    pos = skipSpace(bytes, valueEnd, end);
    const next = bytes[pos];
    if (next === CLOSE_BRACE) return pos + 1;
    if (next !== COMMA) throw new MalformedJson('expected a comma');
    pos = skipSpace(bytes, pos + 1, end);
  }
}

/** Calls `visit(valueStart, valueEnd)` for each element of the array at `pos`; false stops. */
export function walkArray(
  bytes: Uint8Array,
  pos: number,
  end: number,
  visit: (valueStart: number, valueEnd: number) => boolean,
): void {
  if (bytes[pos] !== OPEN_BRACKET) throw new MalformedJson('not an array');
  pos = skipSpace(bytes, pos + 1, end);
  if (bytes[pos] === CLOSE_BRACKET) return;
  for (;;) {
    const valueEnd = skipValue(bytes, pos, end);
    if (!visit(pos, valueEnd)) return;
    pos = skipSpace(bytes, valueEnd, end);
    const next = bytes[pos];
    if (next === CLOSE_BRACKET) return;
    if (next !== COMMA) throw new MalformedJson('expected a comma');
    pos = skipSpace(bytes, pos + 1, end);
  }
}

/** True when bytes[start..end) equal the ASCII text `key`. */
export function bytesEqual(bytes: Uint8Array, start: number, end: number, key: string): boolean {
  if (end - start !== key.length) return false;
  for (let i = 0; i < key.length; i++) {
    if (bytes[start + i] !== key.charCodeAt(i)) return false;
  }
  return true;
}

/** The JSON string value at [start, end) (quotes included), decoded; null when it is not a string. */
export function readString(bytes: Uint8Array, start: number, end: number): string | null {
  if (bytes[start] !== QUOTE) return null;
  const body = bytes.subarray(start + 1, end - 1);
  if (body.indexOf(BACKSLASH) < 0) return utf8.decode(body);
  try {
    return JSON.parse(utf8.decode(bytes.subarray(start, end))) as string;
  } catch {
    throw new MalformedJson('bad string escape');
  }
}

/**
 * The start of a long JSON string value, decoded, at most about `maxChars` characters: a
 * pasted prompt can be megabytes and only its beginning is kept.
 */
export function readStringHead(
  bytes: Uint8Array,
  start: number,
  end: number,
  maxChars: number,
): string | null {
  if (bytes[start] !== QUOTE) return null;
  // A character is at most 4 bytes, an escape at most 12 (a \uXXXX surrogate pair).
  const budget = maxChars * 12;
  if (end - start <= budget) return readString(bytes, start, end);
  let cut = start + 1 + budget;
  // Do not cut inside an escape: back up to before any run of backslashes or \uXXXX.
  for (let back = 0; back < 12; back++) {
    if (bytes[cut - 1 - back] === BACKSLASH) {
      cut = cut - 1 - back;
      while (bytes[cut - 1] === BACKSLASH) cut--;
      break;
    }
  }
  const head = utf8.decode(bytes.subarray(start + 1, cut));
  try {
    return (JSON.parse(`"${head}"`) as string).slice(0, maxChars);
  } catch {
    return head.slice(0, maxChars);
  }
}

/** true / false / null for a JSON literal at [start, end). */
export function readBoolean(bytes: Uint8Array, start: number, end: number): boolean | null {
  if (bytesEqual(bytes, start, end, 'true')) return true;
  if (bytesEqual(bytes, start, end, 'false')) return false;
  return null;
}
