// How a front end says what was kept from the LLM: the same words in `tt infer` and the app.

export interface PrivacyCounts {
  redactions?: Record<string, number>;
  excludedSessions?: number;
  unscannedEntries?: number;
}

/** "3 secrets redacted (2 password, 1 aws-secret)", "none redacted", in one phrase. */
export function describeRedactions(redactions: Record<string, number> = {}): string {
  const kinds = Object.entries(redactions)
    .filter(([, n]) => n > 0)
    .sort(([a, x], [b, y]) => y - x || a.localeCompare(b));
  const total = kinds.reduce((sum, [, n]) => sum + n, 0);
  if (total === 0) return 'no secrets found to redact';
  const byKind = kinds.map(([kind, n]) => `${n} ${kind}`).join(', ');
  return `${total} ${total === 1 ? 'secret' : 'secrets'} redacted (${byKind})`;
}

/** The redactions, then what was left out and why; one line. */
export function describePrivacy(counts: PrivacyCounts): string {
  const parts = [describeRedactions(counts.redactions)];
  if (counts.excludedSessions) {
    parts.push(
      `${counts.excludedSessions} ${counts.excludedSessions === 1 ? 'session' : 'sessions'} excluded by your settings`,
    );
  }
  if (counts.unscannedEntries) {
    parts.push(`${counts.unscannedEntries} left out because the secret scanner failed on them`);
  }
  return parts.join('; ');
}
