import {
  ASSIGNMENT,
  ENTROPY_CANDIDATE,
  SECRET_RULES,
  UUID,
  UUID_PREFIX,
  secretNameKind,
} from './secret-rules';

// The secret scanner: deterministic, pure, and applied to every piece of text an LLM request
// carries. Matches become `[redacted: <kind>]`; the counts by kind are what the person is told.

/** How many secrets of each kind were replaced, e.g. { "aws-secret": 1, "password": 2 }. */
export type RedactionCounts = Record<string, number>;

export interface RedactedText {
  text: string;
  counts: RedactionCounts;
}

export const placeholder = (kind: string): string => `[redacted: ${kind}]`;

/** A random-looking string is a secret candidate from this many characters… */
export const MIN_RANDOM_LENGTH = 20;
/** …with at least this much Shannon entropy per character. */
export const MIN_BITS_PER_CHAR = 3.5;
/**
 * …and a letter/digit/case change at a third of its characters or more (a capital starting
 * a word does not count). Identifiers (`handleUserLogin2`, `session_timeout_30_minutes`)
 * change rarely; random keys change at almost every other character.
 */
const MIN_CLASS_CHANGES_PER_CHAR = 0.3;

export function addCounts(into: RedactionCounts, from: RedactionCounts): RedactionCounts {
  for (const [kind, n] of Object.entries(from)) into[kind] = (into[kind] ?? 0) + n;
  return into;
}

/** Replaces every secret in `text`; returns the new text and how many of each kind it held. */
export function redactSecrets(text: string): RedactedText {
  const counts: RedactionCounts = {};
  const note = (kind: string): string => {
    counts[kind] = (counts[kind] ?? 0) + 1;
    return placeholder(kind);
  };
  let out = text;
  for (const rule of SECRET_RULES) {
    out = out.replace(rule.pattern, (...args) => {
      const match = args[0] as string;
      if (rule.accept && !rule.accept(match)) return match;
      const groups = args.at(-1) as Record<string, string | undefined> | undefined;
      const value = typeof groups === 'object' ? groups?.value : undefined;
      if (value === undefined) return note(rule.kind);
      if (rule.typedValue && !isSecretValue(unquote(value))) return match;
      // The value is the match's last part (a closing quote may follow it).
      const at = match.lastIndexOf(value);
      return match.slice(0, at) + note(rule.kind) + match.slice(at + value.length);
    });
  }
  out = out.replace(ASSIGNMENT, (...args) => {
    const match = args[0] as string;
    const g = args.at(-1) as Record<string, string | undefined>;
    const kind = secretNameKind(g.name!);
    const value = g.quoted ?? g.bare ?? '';
    if (kind === null || !isSecretValue(value)) return match;
    const quote = g.quote ?? '';
    return `${g.name}${g.close}${g.sep}${quote}${note(kind)}${quote}`;
  });
  const redactRandom = (piece: string): string =>
    looksRandom(piece) && !UUID_PREFIX.test(piece) ? note('high-entropy') : piece;
  out = out.replace(ENTROPY_CANDIDATE, (candidate) =>
    // A UUID is an id (the model must give session ids back), whatever its entropy.
    candidate
      .split(new RegExp(`(${UUID.source})`, 'i'))
      .map((piece, i) => {
        if (i % 2 === 1) return piece;
        // In a path, each folder is judged on its own, so one hashed folder does not take the path.
        return looksLikePath(piece) ? piece.split('/').map(redactRandom).join('/') : redactRandom(piece);
      })
      .join(''),
  );
  return { text: out, counts };
}

/** A run with a slash that starts like a path or has a word for a folder (`src`, `node_modules`). */
function looksLikePath(run: string): boolean {
  return (
    run.includes('/') && (run.startsWith('/') || run.split('/').some((part) => /^[a-z_]{3,}$/.test(part)))
  );
}

function unquote(value: string): string {
  return /^(['"]).*\1$/s.test(value) ? value.slice(1, -1) : value;
}

/** A value worth hiding: not empty, not already a placeholder, not a reference like `$TOKEN`. */
function isSecretValue(value: string): boolean {
  if (value.length < 3 || value.includes('[redacted:')) return false;
  if (/^\$\{?[A-Za-z_][A-Za-z0-9_]*\}?$/.test(value)) return false;
  return !/^(?:true|false|null|none|undefined|required|optional|string|number)$/i.test(value);
}

export function bitsPerChar(text: string): number {
  const frequency = new Map<string, number>();
  for (const ch of text) frequency.set(ch, (frequency.get(ch) ?? 0) + 1);
  let bits = 0;
  for (const n of frequency.values()) {
    const p = n / text.length;
    bits -= p * Math.log2(p);
  }
  return bits;
}

function charClass(ch: string): number {
  if (ch >= 'a' && ch <= 'z') return 0;
  if (ch >= 'A' && ch <= 'Z') return 1;
  if (ch >= '0' && ch <= '9') return 2;
  return 3;
}

/** Letter/digit/case changes inside the parts between `/`, `_` and `-`, per character. */
function classChangesPerChar(text: string): number {
  let changes = 0;
  for (const part of text.split(/[/_-]+/)) {
    for (let i = 1; i < part.length; i++) {
      const before = charClass(part[i - 1]!);
      const after = charClass(part[i]!);
      if (before !== after && !(before === 1 && after === 0)) changes += 1;
    }
  }
  return changes / text.length;
}

/** Whether a token looks like a random key rather than a word, a path or an identifier. */
export function looksRandom(token: string): boolean {
  return (
    token.length >= MIN_RANDOM_LENGTH &&
    bitsPerChar(token) >= MIN_BITS_PER_CHAR &&
    classChangesPerChar(token) >= MIN_CLASS_CHANGES_PER_CHAR
  );
}
