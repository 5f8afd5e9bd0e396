import type { Command } from 'commander';
import type { IndexResult, SessionDetails, SessionSummary } from '../../shared/api';
import { agentLabel } from '../../shared/session-sources';
import { TIME_INPUT_HELP } from '../../core/typed-time';
import { indexRunSummary, sessionTitle } from '../../shared/wording';
import { printJson, withService } from '../context';
import { formatDuration, formatLocalTime, formatTable, isoOrNull, printable } from '../format';
import { addRangeOptions, nonEmptyPathOption, positiveIntOption, rangeFlags, rangeOption } from '../options';
import { startProgressBar, type ProgressBar } from '../progress-bar';

export function registerSessionsCommand(program: Command): void {
  const sessions = program
    .command('sessions')
    .description('index and list coding-agent sessions (Claude Code, Codex CLI, …)');

  sessions
    .command('index')
    .description('read new and changed sessions of every agent found (see `tt settings`) into the database')
    .option('--root <dir>', 'a projects root to index instead of the configured ones (repeatable)', collect)
    .option('--json', 'print machine-readable JSON')
    .action(async (options: { root?: string[]; json?: boolean }, command: Command) => {
      await withService(command, async (service) => {
        const bar = process.stderr.isTTY && !options.json ? await startIndexBar() : null;
        const unsubscribe = service.onEvent((event) => bar?.update(event));
        let result: IndexResult;
        try {
          result = await service.indexSessions(options.root ? { roots: options.root } : {});
        } finally {
          unsubscribe();
          bar?.stop();
        }
        if (options.json) printJson(result);
        else process.stdout.write(describeIndex(result));
      });
    });

  addRangeOptions(
    sessions.command('list').description('list indexed sessions, oldest first'),
    `sessions active since then: ${TIME_INPUT_HELP}`,
    'sessions that started before then (same forms)',
  )
    .option('--project <name>', 'only this project (its name or its path)')
    .option('--limit <n>', 'at most this many, the most recent', (value) =>
      positiveIntOption('--limit', value),
    )
    .option('--json', 'print machine-readable JSON')
    .action(async (options: { project?: string; limit?: number; json?: boolean }, command: Command) => {
      const now = Date.now();
      const range = rangeFlags(options);
      await withService(command, async (service) => {
        const list = await service.listSessions({
          ...rangeOption(range, now),
          project: options.project,
          limit: options.limit,
        });
        if (options.json) printJson(list.map(sessionJson));
        else
          process.stdout.write(
            describeSessions(list, range.since?.value ?? range.until?.value ?? options.project),
          );
      });
    });

  sessions
    .command('show')
    .description("one session's details: its agent, project, times, and your prompts")
    .argument('<session-id>', 'as `tt sessions list` shows it (e.g. codex:<uuid> for a Codex CLI session)')
    .option('--json', 'print machine-readable JSON')
    .action(async (sessionId: string, options: { json?: boolean }, command: Command) => {
      await withService(command, async (service) => {
        // Found first, then its time over its own span (the same allocation as the timeline's).
        const now = Date.now();
        const { session } = await service.sessionDetails({ sessionId, start: now - 1, end: now });
        const end = Math.max(session.endTime ?? session.startTime, session.startTime) + 1;
        const details = await service.sessionDetails({ sessionId, start: session.startTime, end });
        if (options.json) {
          printJson({
            ...details,
            session: sessionJson(details.session),
            stream: details.placement && {
              id: details.placement.streamId,
              name: details.placement.streamName,
            },
            placedBy: details.placement?.placedBy ?? null,
            reason: details.placement?.reason ?? null,
          });
        } else process.stdout.write(describeSessionDetails(details));
      });
    });
}

function describeSessionDetails(d: SessionDetails): string {
  const s = d.session;
  const lines = [
    `session    ${printable(s.sessionId)}`,
    `agent      ${agentLabel(s.agent)}`,
    `project    ${printable(s.projectName ?? '?')}${d.gitBranch ? ` · branch ${printable(d.gitBranch)}` : ''}`,
    `started    ${formatLocalTime(s.startTime)}`,
    `ended      ${formatLocalTime(s.endTime ?? s.startTime)}`,
    `messages   ${s.messageCount}`,
    d.placement
      ? `stream     ${printable(d.placement.streamName)} (${d.placement.streamId})`
      : 'stream     none: no stream holds it (`tt infer` places it)',
    ...(d.placement ? [`Why:       ${printable(d.placement.reason)}`] : []),
    `time       direct ${formatDuration(d.directMs)} · delegated ${formatDuration(d.delegatedMs)} · waiting ${formatDuration(d.waitingMs)}`,
    `prompts    ${d.prompts.length}`,
  ];
  for (const prompt of d.prompts)
    lines.push(`  ${formatLocalTime(prompt.ts)}  ${printable(prompt.text ?? '(words not kept)')}`);
  return `${lines.join('\n')}\n`;
}

function collect(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), nonEmptyPathOption(value)];
}

/** Files named one by one in the text summary; --json lists them all. */
const PROBLEMS_SHOWN = 10;

function describeIndex(
  result: IndexResult & { workerFallback?: string | null; problems?: { path: string; reason: string }[] },
): string {
  const mb = (result.bytesRead / 1e6).toFixed(1);
  const lines = [
    `${indexRunSummary(result)} ` +
      `(${result.filesSeen} transcripts, ${mb} MB read in ${(result.durationMs / 1000).toFixed(1)} s; ` +
      `${result.sessionsWritten} sessions written)`,
  ];
  const reasons = Object.entries(result.skippedReasons).sort((a, b) => b[1] - a[1]);
  if (reasons.length > 0)
    lines.push(`skipped or noted: ${reasons.map(([why, n]) => `${n} × ${why}`).join('; ')}`);
  const problems = result.problems ?? [];
  for (const problem of problems.slice(0, PROBLEMS_SHOWN))
    lines.push(`  ${printable(problem.path)}: ${printable(problem.reason)}`);
  if (problems.length > PROBLEMS_SHOWN)
    lines.push(`  … and ${problems.length - PROBLEMS_SHOWN} more (see --json)`);
  for (const source of result.otherSources ?? [])
    lines.push(
      `${source.label}: ${source.filesIndexed} indexed, ${source.filesUnchanged} unchanged, ` +
        `${source.filesSkipped} skipped (${source.roots.map(printable).join(', ')})`,
    );
  for (const root of result.missingRoots)
    lines.push(`missing root: ${printable(root)} (no such directory; nothing indexed there)`);
  if (result.roots.length === 0) lines.push('no projects root found: pass --root DIR or set projectRoots');
  if (result.workerFallback) lines.push(`note: parsed without worker threads (${result.workerFallback})`);
  return `${lines.join('\n')}\n`;
}

function describeSessions(list: SessionSummary[], filtered: string | undefined): string {
  if (list.length === 0 && filtered !== undefined)
    return 'no sessions match (`tt sessions list` shows all)\n';
  if (list.length === 0) return 'no sessions (run `tt sessions index` first)\n';
  const rows = list.map((s) => [
    formatLocalTime(s.startTime),
    s.endTime === null ? '—' : formatDuration(s.endTime - s.startTime),
    s.projectName ?? '?',
    agentLabel(s.agent),
    String(s.messageCount),
    String(s.promptCount),
    `${s.isSubagent ? '↳ ' : ''}${s.sessionId}${s.fileExists ? '' : ' (file deleted)'}`,
    sessionTitle(s) ?? '',
  ]);
  return `${formatTable(['start', 'length', 'project', 'agent', 'msgs', 'prompts', 'session', 'title'], rows)}\n`;
}

function sessionJson(s: SessionSummary): Record<string, unknown> {
  return { ...s, startTime: isoOrNull(s.startTime), endTime: isoOrNull(s.endTime) };
}

/** Files and megabytes, from the service's index progress events. */
function startIndexBar(): Promise<ProgressBar> {
  return startProgressBar('index', 'indexing [{bar}] {percentage}% | {files} files | {mb} MB', (event) => ({
    files: `${event.filesDone ?? 0}/${event.filesTotal ?? 0}`,
    mb: `${(event.done / 1e6).toFixed(0)}/${(event.total / 1e6).toFixed(0)}`,
  }));
}
