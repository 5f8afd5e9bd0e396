import type { Command } from 'commander';
import { futureStartError } from '../../core/time/report-period';
import type { InferResult, InferWindowReport } from '../../shared/api';
import { TIME_INPUT_HELP } from '../../core/typed-time';
import { TtError } from '../../main/errors';
import { describePrivacy } from '../../shared/privacy-summary';
import { inferRunSummary, llmRunPreview } from '../../shared/wording';
import { printJson, withService } from '../context';
import { importPendingEvents } from '../import-notes';
import { formatLocalTime, isoOrNull, printable } from '../format';
import { addRangeOptions, rangeFlags, rangeOption } from '../options';
import { startProgressBar } from '../progress-bar';

interface InferFlags {
  llm?: boolean;
  dryRun?: boolean;
  replaceLlm?: boolean;
  json?: boolean;
}

export function registerInferCommand(program: Command): void {
  const infer = program
    .command('infer')
    .description('group sessions and focus into streams: by project (default), or with Claude (--llm)')
    .option('--llm', 'ask Claude, one request per 24-hour window (needs ANTHROPIC_API_KEY)');
  addRangeOptions(
    infer,
    `the start of the range (default: 7 days before --until): ${TIME_INPUT_HELP}`,
    'the end of the range (default: now; same forms)',
  )
    .option(
      '--dry-run',
      'show what would happen: with --llm, print every prompt and its size, and send nothing',
    )
    .option(
      '--replace-llm',
      'offline only: regroup by project the streams Claude inferred too (they are kept otherwise; your own edits always are)',
    )
    .option('--json', 'print machine-readable JSON')
    .action(async (flags: InferFlags, command: Command) => {
      if (flags.llm && flags.replaceLlm) {
        throw new TtError('input', '--replace-llm is for offline inference: leave out --llm');
      }
      const now = Date.now();
      const range = rangeFlags(flags);
      const { since: start, until: end } = rangeOption(range, now);
      if (start !== undefined && end === undefined && start >= now) {
        throw new TtError('input', futureStartError(range.since!));
      }
      await withService(command, async (service) => {
        await importPendingEvents(service);
        const bar =
          process.stderr.isTTY && !flags.json
            ? await startProgressBar('infer', 'inferring [{bar}] {value}/{total} windows')
            : null;
        const unsubscribe = service.onEvent((event) => bar?.update(event));
        let result: InferResult;
        try {
          result = await service.inferStreams({
            mode: flags.llm ? 'llm' : 'directory',
            start,
            end,
            dryRun: flags.dryRun ?? false,
            ...(flags.replaceLlm ? { replaceLlm: true } : {}),
          });
        } finally {
          unsubscribe();
          bar?.stop();
        }
        if (flags.json) printJson(inferJson(result));
        else process.stdout.write(describeInfer(result));
        const failed = result.windows.filter((w) => !w.ok);
        if (failed.length > 0) {
          throw new TtError(
            'external',
            `${failed.length} of ${result.windows.length} windows failed: ${failed[0]!.error ?? 'unknown error'}`,
            'their sessions kept the streams they had; run the same command again to retry',
          );
        }
      });
    });
}

function inferJson(result: InferResult): Record<string, unknown> {
  return {
    ...result,
    windows: result.windows.map((w) => ({ ...w, start: isoOrNull(w.start), end: isoOrNull(w.end) })),
  };
}

function windowLabel(w: InferWindowReport, index: number, total: number): string {
  return `window ${index + 1}/${total}  ${formatLocalTime(w.start)} → ${formatLocalTime(w.end)}  ${w.sessionCount} sessions`;
}

function describeInfer(result: InferResult): string {
  const lines: string[] = [];
  const total = result.windows.length;
  // A long range has many windows without sessions; they are counted, not listed.
  const empty = result.windows.filter((w) => w.ok && w.sessionCount === 0).length;
  const emptyLine = `${empty} windows without sessions: nothing to ask`;
  if (result.dryRun && result.mode === 'llm') {
    const system = result.windows.find((w) => w.system !== undefined)?.system;
    if (system !== undefined) lines.push('── system prompt (the same for every window)', '', system, '');
    for (const [i, w] of result.windows.entries()) {
      if (w.ok && w.sessionCount === 0) continue;
      lines.push(`── ${windowLabel(w, i, total)}`);
      if (w.prompt === undefined) {
        lines.push(`${w.note ?? 'no sessions'}: nothing would be sent`, '');
        continue;
      }
      lines.push(
        `${w.promptChars} characters, about ${w.estimatedTokens} tokens uncached + ${w.cachedTokens ?? 0} cached (tools and system prompt); ${describePrivacy(w)}`,
        '',
        w.prompt,
        '',
      );
    }
    const { requests, chars, tokens } = llmRunPreview(result);
    const cached = result.windows.reduce((sum, w) => sum + (w.cachedTokens ?? 0), 0);
    if (empty > 0) lines.push(emptyLine);
    lines.push(
      `dry run: ${requests} requests would be sent, ${chars} characters, about ${tokens} tokens uncached and ${cached} cached (the tools and system prompt each request repeats) in all; nothing was sent`,
      `redacted before sending: ${describePrivacy(result)}`,
    );
    return `${lines.join('\n')}\n`;
  }
  if (result.mode === 'llm') {
    let lastError: string | undefined;
    for (const [i, w] of result.windows.entries()) {
      if (w.ok && w.sessionCount === 0) continue;
      const outcome = !w.ok
        ? `failed: ${w.error === lastError ? 'the same' : w.error}`
        : w.note !== undefined
          ? `${w.note}: nothing asked`
          : `ok, ${w.streamsAssigned ?? 0} streams`;
      lines.push(`${windowLabel(w, i, total)}  ${outcome}`);
      if (!w.ok) lastError = w.error;
    }
    if (empty > 0) lines.push(emptyLine);
    if (result.windows.some((w) => w.ok && w.sessionCount > 0 && w.note === undefined)) {
      lines.push(`sent to Claude: ${describePrivacy(result)}`);
    }
  }
  const counts = inferRunSummary(result);
  const replaced = result.replacedLlmStreams ?? [];
  if (replaced.length > 0) {
    const names = replaced.slice(0, 10).map((name) => `"${printable(name)}"`);
    const more = replaced.length > 10 ? ` and ${replaced.length - 10} more` : '';
    lines.push(
      `${result.dryRun ? 'would regroup' : 'regrouped'} by project the streams Claude inferred: ${names.join(', ')}${more}`,
    );
  }
  if ((result.keptLlmStreams ?? 0) > 0 && !result.dryRun) {
    lines.push('streams Claude inferred were kept; `tt infer --replace-llm` regroups them by project');
  }
  lines.push(result.dryRun ? `dry run, nothing written: streams would be ${counts}` : `streams: ${counts}`);
  if (result.edit) lines.push(`\`tt streams undo\` takes back the whole run (${result.edit})`);
  if (!result.dryRun && result.sessionsAssigned + result.eventsAssigned > 0) {
    lines.push('see them with `tt streams list`');
  }
  return `${lines.join('\n')}\n`;
}
