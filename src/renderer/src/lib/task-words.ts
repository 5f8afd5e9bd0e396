// What the Index now and Infer toasts say, in words a person reads at a glance.
import type { IndexResult, InferResult } from '../../../shared/api';
import { describePrivacy } from '../../../shared/privacy-summary';
import { indexRunSummary, inferRunSummary } from '../../../shared/wording';
import { explainError } from './errors';

/**
 * `sessionsHeld`: how many sessions tt holds after the run, so a run that found nothing new can
 * say what an earlier run (the background index, most likely) had already read.
 */
export function describeIndexResult(
  result: IndexResult,
  sessionsHeld: number | null = null,
): { title: string; detail?: string; hint?: string; addRoots?: string[] } {
  if (result.filesSeen === 0) {
    const where = [...result.roots, ...result.missingRoots].join(', ') || 'the configured folders';
    const elsewhere = result.rootsElsewhere ?? [];
    if (elsewhere.length > 0) {
      // The sessions on screen came from a folder given to `tt sessions index --root`: say so, and offer it.
      return {
        title: `Nothing to index in ${where}`,
        detail:
          `The sessions tt holds were read from ${elsewhere.join(', ')} (tt sessions index --root); ` +
          'Index now reads only the folders in Settings.',
        hint: `Add ${elsewhere.length === 1 ? 'it' : 'them'} to Settings, and Index now reads ${elsewhere.length === 1 ? 'it' : 'them'} too.`,
        addRoots: elsewhere,
      };
    }
    return {
      title: 'Nothing to index',
      detail: `No sessions were found in ${where}.`,
      hint: 'Check Settings: it lists where each agent keeps its sessions (Claude Code: ~/.claude/projects).',
    };
  }
  const skipped = Object.entries(result.skippedReasons)
    .map(([reason, count]) => `${count} ${reason}`)
    .join(', ');
  const placed = result.placed;
  return {
    title:
      result.sessionsWritten === 0 && !placed
        ? sessionsHeld
          ? `Indexed ${result.filesSeen} files: all ${sessionsHeld} sessions were already read (tt indexes by itself in the background)`
          : `Indexed ${result.filesSeen} files: nothing new since the last index`
        : `Indexed ${result.filesSeen} files: ${result.sessionsWritten} sessions updated` +
          (placed ? `, ${placed.sessions} new grouped into ${placed.streams} streams by project` : ''),
    detail:
      indexRunSummary(result) +
      (skipped ? ` (${skipped})` : '') +
      ` · ${(result.durationMs / 1000).toFixed(1)} s`,
  };
}

export function describeInferResult(result: InferResult): {
  title: string;
  detail?: string;
  hint?: string;
  edit?: string | null;
} {
  const failed = result.windows.filter((w) => !w.ok);
  const title =
    `Inferred streams ${result.mode === 'llm' ? 'with Claude' : 'by project'}: ` + inferRunSummary(result);
  const sessions = result.windows.reduce((n, w) => n + w.sessionCount, 0);
  if (failed.length === 0 && sessions === 0 && result.sessionsAssigned === 0) {
    return {
      title: 'Nothing to infer in this week',
      detail: 'No sessions were found in the week on screen.',
      hint: 'Index first (Index now), or go to a week with sessions.',
    };
  }
  // What was kept from Claude: the person should see that secrets did not leave the machine.
  const privacy = result.mode === 'llm' ? `Sent to Claude: ${describePrivacy(result)}.` : undefined;
  const edit = { edit: result.edit ?? null };
  if (failed.length === 0) return { title, ...(privacy ? { detail: privacy } : {}), ...edit };
  const errors = [...new Set(failed.map((w) => w.error ?? 'unknown error'))];
  // The first reason in words (a refused key, the network), with its way out.
  const explained = explainError(new Error(errors[0]), 'Inference with Claude');
  // Windows without sessions have nothing to lose; if every window with work failed, nothing happened.
  const withWork = result.windows.filter((w) => w.sessionCount > 0 || !w.ok);
  if (failed.length === withWork.length) {
    return {
      title: explained.title,
      detail: `${errors.join('; ')}. Nothing was changed.`,
      hint: explained.hint ?? 'Try again in a moment.',
    };
  }
  return {
    title,
    detail: `${failed.length} of ${result.windows.length} windows failed: ${errors.join('; ')}${privacy ? `. ${privacy}` : ''}`,
    hint: explained.hint ?? 'Those windows were left as they were; run it again to retry them.',
    ...edit,
  };
}
