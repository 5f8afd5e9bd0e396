// What a secret looks like, written from the public formats of each kind. A rule's match (or
// its `value` group, when it has one) is replaced by `[redacted: <kind>]`. Rules run in this
// order, the most specific first, so that a key inside an assignment is named by its format.

export interface SecretRule {
  kind: string;
  /** Global. A group named `value` narrows what is replaced; otherwise the whole match is. */
  pattern: RegExp;
  /** A further check of the match, for formats a pattern alone cannot pin down. */
  accept?: (match: string) => boolean;
  /** The `value` is what a person typed after a flag or keyword: a reference (`$TOKEN`) or a placeholder stays. */
  typedValue?: boolean;
}

/** A value after a flag or keyword: quoted (whole), or up to the next space. */
const ARG = `(?:'[^'\\n]{1,500}'|"[^"\\n]{1,500}"|[^\\s'"][^\\s]{0,499})`;

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
  { kind: 'huggingface-token', pattern: /\bhf_[A-Za-z0-9]{20,}/g },
  { kind: 'npm-token', pattern: /\bnpm_[A-Za-z0-9]{20,}/g },
  { kind: 'pypi-token', pattern: new RegExp(`\\bpypi-AgEIcHlwaS5vcmc[${T}]{8,}`, 'g') },
  { kind: 'sendgrid-key', pattern: new RegExp(`\\bSG\\.[${T}]{16,}\\.[${T}]{16,}`, 'g') },
  { kind: 'shopify-token', pattern: /\bshp(?:at|ca|pa|ss)_[a-fA-F0-9]{16,}/g },
  { kind: 'vault-token', pattern: new RegExp(`\\bhv[sbr]\\.[${T}]{20,}`, 'g') },
  { kind: 'digitalocean-token', pattern: /\bdo[opr]_v1_[a-f0-9]{16,}/g },
  { kind: 'age-key', pattern: /\bAGE-SECRET-KEY-1[0-9A-Z]{20,}/g },
  { kind: 'twilio-key', pattern: /\b(?:SK|AC)[0-9a-f]{32}\b/g },
  { kind: 'azure-secret', pattern: /(?<![A-Za-z0-9_~.])[A-Za-z0-9_~.]{3}\dQ~[A-Za-z0-9_~.-]{20,40}/g },
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
  {
    kind: 'password',
    pattern: /\bBasic\s+(?<value>[A-Za-z0-9+/]{8,}={0,2})/g,
    // base64 of `user:password` has a digit, `+`, `/` or padding; the word "Basic Authentication" has none.
    accept: (match) => /[0-9+/=]/.test(match.slice(6)),
  },
  // scheme://user:password@host: the credentials go, the scheme and host stay. The password
  // may hold an `@` itself (`bob:p@ssW0rd@host`): the host starts after the last one.
  {
    kind: 'url-password',
    pattern: /\b[a-z][a-z0-9+.-]{1,20}:\/\/(?<value>[^\s:/?#@'"<>]+:[^\s/?#'"<>]+)@/gi,
  },
  // Passwords typed on a command line or kept in a config file, by where they stand.
  // netrc: `machine HOST login USER password SECRET` (any order, on one line or several).
  {
    kind: 'password',
    pattern: new RegExp(
      `\\b(?:machine|login|account)\\s+\\S+\\s+(?:(?:login|account)\\s+\\S+\\s+)?password\\s+(?<value>${ARG})`,
      'g',
    ),
    typedValue: true,
  },
  // curl and wget style `-u USER:PASSWORD`, `--user=USER:PASSWORD`, `--proxy-user …`.
  {
    kind: 'password',
    pattern: new RegExp(
      `(?<![\\w-])(?:-u|-U|--user|--proxy-user)(?:\\s+|=)?(?<quote>['"]?)[^\\s:'"]{1,100}:(?<value>[^\\s'"]{1,500})\\k<quote>`,
      'g',
    ),
    typedValue: true,
    // `docker run -u 1000:1000` is a user and a group, not a password.
    accept: (match) => !/:\d+['"]?$/.test(match),
  },
  // `sshpass -p SECRET`, and the MySQL family's `-pSECRET` (no space: the value is the password).
  {
    kind: 'password',
    pattern: new RegExp(`\\bsshpass\\s+(?:-[a-zA-Z]\\s+(?!-p)\\S+\\s+)*-p\\s*(?<value>${ARG})`, 'g'),
    typedValue: true,
  },
  {
    kind: 'password',
    pattern: new RegExp(
      `\\b(?:mysql|mysqldump|mysqladmin|mysqlimport|mariadb|mariadb-dump)\\b[^\\n|;&]*?\\s-p(?<value>${ARG})`,
      'g',
    ),
    typedValue: true,
  },
  // `-p'SECRET'` or `-p"SECRET"` for any program: a quoted value glued to -p is a password.
  { kind: 'password', pattern: /(?<![\w-])-p(?<value>'[^'\n]{1,500}'|"[^"\n]{1,500}")/g, typedValue: true },
  // `--password SECRET`, `--db-password=SECRET`, `--api-key …`, `--token …`: a flag that names a secret.
  {
    kind: 'password',
    pattern: new RegExp(
      `(?<![\\w-])--?(?:[a-z0-9]+-)*(?:password|passwd|passphrase|pass|pwd)(?:\\s+|=)(?<value>${ARG})`,
      'gi',
    ),
    typedValue: true,
  },
  {
    kind: 'token',
    pattern: new RegExp(
      `(?<![\\w-])--(?:[a-z0-9]+-)*(?:token|secret|api-key|apikey|access-key|secret-key|client-secret)(?:\\s+|=)(?<value>${ARG})`,
      'gi',
    ),
    typedValue: true,
  },
];

/**
 * A name that says its value is secret: a word of it (snake, kebab, dotted or camelCase) is
 * key, secret, token, password… `keyboard` and `tokens` are not.
 */
const SECRET_NAME_WORD =
  /^(?:key|apikey|secret|secrets|token|password|passwd|passphrase|pwd|pass|credential|credentials|auth|bearer|private)$/i;

/** A word run together with what it names (`PGPASSWORD`, `githubtoken`, `clientsecret`). */
const SECRET_NAME_SUFFIX = /(?:password|passwd|passphrase|secret|token|apikey)$/i;

export function secretNameKind(name: string): string | null {
  const words = name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .split(/[\s_.-]+/)
    .filter(Boolean);
  if (!words.some((word) => SECRET_NAME_WORD.test(word) || SECRET_NAME_SUFFIX.test(word))) return null;
  const lower = words.map((word) => word.toLowerCase());
  const has = (pattern: RegExp): boolean => lower.some((w) => pattern.test(w));
  if (lower.includes('aws') && has(/^secrets?$/)) return 'aws-secret';
  if (has(/^(password|passwd|passphrase|pwd|pass)$|(?:password|passwd|passphrase)$/)) return 'password';
  if (has(/^(token|bearer|auth)$|token$/)) return 'token';
  if (has(/^(secret|secrets|private)$|secret$/)) return 'secret';
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
