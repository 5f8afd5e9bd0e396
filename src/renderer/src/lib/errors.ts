import type { ApiCallError } from '../../../shared/renderer-api';

export interface Explained {
  title: string;
  detail: string;
  /** The way out, when there is one. */
  hint?: string;
  /** tt was not answering: said once, and the toast goes when the page reconnects. */
  offline?: boolean;
}

/** Turns a failed call into words a person can act on. */
export function explainError(error: unknown, doing: string): Explained {
  const e = error as Partial<ApiCallError> | null;
  const message = e?.message ?? String(error);
  const lower = message.toLowerCase();
  if (e?.kind === 'unreachable')
    return { title: 'tt is not answering', detail: message, hint: e.hint, offline: true };
  if (lower.includes('api key') || lower.includes('anthropic_api_key') || lower.includes('401')) {
    return {
      title: 'No usable Anthropic API key',
      detail: message,
      hint:
        e?.hint ??
        'Add a key in Settings, or start tt with ANTHROPIC_API_KEY set. "Infer streams" by project works without one.',
    };
  }
  if (
    lower.includes('failed to fetch') ||
    lower.includes('network') ||
    lower.includes('econnrefused') ||
    lower.includes('timed out') ||
    lower.includes('connection')
  ) {
    return {
      title: e?.kind === 'external' ? 'Could not reach the Anthropic API' : 'Could not reach tt',
      detail: message,
      hint: e?.hint ?? 'Check your network connection and try again; nothing was changed.',
    };
  }
  return { title: `${doing} failed`, detail: message, hint: e?.hint };
}
