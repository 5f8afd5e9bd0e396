// What a secret looks like, written from the public formats of each kind. A rule's match (or
// its `value` group, when it has one) is replaced by `[redacted: <kind>]`. Rules run in this
// order, the most specific first, so that a key inside an assignment is named by its format.

export interface SecretRule {
  kind: string;
  /** Global. A group named `value` narrows what is replaced; otherwise the whole match is. */
  pattern: RegExp;
  /** A further check of the match, for formats a pattern alone cannot pin down. */
  accept?: (match: string) => boolean;
}

/** Letters, digits and the base64/base64url marks a token is made of. */
const T = 'A-Za-z0-9_\\-';

export const SECRET_RULES: readonly SecretRule[] = [
  // A PEM private key block; the END line may have been cut off by a shortened prompt.
  {
    kind: 'private-key',
    pattern:
      /-----BEGIN[A-Z0-9 ]{0,40} PRIVATE KEY(?: BLOCK)?-----[\s\S]*?(?:-----END[A-Z0-9 ]{0,40} PRIVATE KEY(?: BLOCK)?-----|$)/g,
  },
  // Prefixed tokens. A few characters after a distinctive prefix are enough: a stored prompt
  // is shortened, and half a key is still half a key.
  { kind: 'anthropic-key', pattern: new RegExp(`\\bsk-ant-[${T}]{4,}`, 'g') },
  { kind: 'openai-key', pattern: new RegExp(`\\bsk-(?:proj-|svcacct-|admin-)?[${T}]{20,}`, 'g') },
  { kind: 'stripe-key', pattern: /\b[sr]k_(?:live|test)_[A-Za-z0-9]{8,}/g },
  { kind: 'github-token', pattern: /\b(?:gh[pousr]_[A-Za-z0-9]{8,}|github_pat_[A-Za-z0-9_]{8,})/g },
  { kind: 'gitlab-token', pattern: new RegExp(`\\bgl(?:pat|dt|ptt|rt)-[${T}]{8,}`, 'g') },
  { kind: 'slack-token', pattern: /\bxox[abposr]-[A-Za-z0-9-]{8,}/g },
  { kind: 'google-api-key', pattern: new RegExp(`\\bAIza[${T}]{20,}`, 'g') },
  { kind: 'aws-access-key-id', pattern: /\b(?:AKIA|ASIA|ABIA|ACCA|AROA|AIDA)[A-Z0-9]{12,}\b/g },
  // An AWS secret access key: 40 base64 characters, with upper and lower case and digits
  // (which a hex digest or a path of that length lacks).
  {
    kind: 'aws-secret',
    pattern: /(?<![A-Za-z0-9/+=_.-])[A-Za-z0-9][A-Za-z0-9/+]{39}(?![A-Za-z0-9/+=_-])/g,
    accept: (key) => /[a-z]/.test(key) && /[A-Z]/.test(key) && /[0-9]/.test(key),
  },
  // header.payload.signature, each base64url; both JSON parts start with `{"` = `eyJ`.
  { kind: 'jwt', pattern: new RegExp(`\\beyJ[${T}]{4,}\\.eyJ[${T}]{4,}\\.?[${T}]*`, 'g') },
  { kind: 'token', pattern: /\bBearer\s+(?<value>[A-Za-z0-9._~+/=-]{12,})/g },
  // scheme://user:password@host: the credentials go, the scheme and host stay.
  {
    kind: 'url-password',
    pattern: /\b[a-z][a-z0-9+.-]{1,20}:\/\/(?<value>[^\s:/?#@'"<>]+:[^\s/?#@'"<>]+)@/gi,
  },
];

/**
 * A name that says its value is secret: a word of it (snake, kebab, dotted or camelCase) is
 * key, secret, token, password… `keyboard` and `tokens` are not.
 */
const SECRET_NAME_WORD =
  /^(?:key|apikey|secret|secrets|token|password|passwd|passphrase|pwd|pass|credential|credentials|auth|bearer|private)$/i;

export function secretNameKind(name: string): string | null {
  const words = name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .split(/[\s_.-]+/)
    .filter(Boolean);
  if (!words.some((word) => SECRET_NAME_WORD.test(word))) return null;
  const lower = words.map((word) => word.toLowerCase());
  if (lower.includes('aws') && lower.some((w) => w === 'secret' || w === 'secrets')) return 'aws-secret';
  if (lower.some((w) => /^(password|passwd|passphrase|pwd|pass)$/.test(w))) return 'password';
  if (lower.some((w) => w === 'token' || w === 'bearer' || w === 'auth')) return 'token';
  if (lower.some((w) => w === 'secret' || w === 'secrets' || w === 'private')) return 'secret';
  return 'key';
}

/**
 * `NAME=value`, `NAME: value`, `"name": "value"`, `name = 'value'`: a name, then the value
 * (quoted, or up to the next space, quote, comma or semicolon).
 */
export const ASSIGNMENT =
  /(?<name>[A-Za-z_][A-Za-z0-9_.-]{1,80})(?<close>["']?)(?<sep>\s*(?:=|:)\s*)(?:(?<quote>["'`])(?<quoted>(?:\\.|(?!\k<quote>)[^\\\n]){1,500})\k<quote>|(?<bare>[^\s"'`,;&)}\]]{1,500}))/g;

/** A run of token characters long enough to be a random secret (checked by its entropy). */
export const ENTROPY_CANDIDATE = /[A-Za-z0-9+/=_-]{20,}/g;

/** A UUID (a session id the model must give back), never a secret by itself. */
export const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;

/** The start of a UUID, as a shortened prompt may end with one: still an id, not a key. */
export const UUID_PREFIX =
  /^[0-9a-f]{8}-[0-9a-f]{4}(?:-[0-9a-f]{0,4}(?:-[0-9a-f]{0,4}(?:-[0-9a-f]{0,12})?)?)?$/i;
