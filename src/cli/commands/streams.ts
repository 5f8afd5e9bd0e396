import type { Command } from 'commander';
import type { EditResult, StreamSummary } from '../../shared/api';
import type { TtService } from '../../main/service';
import type { ApiMethodName } from '../../shared/api-methods';
import { apiInputSchemas } from '../../shared/api-schemas';
import { TtError } from '../../main/errors';
import type { StreamQualityReport } from '../../main/streams/stream-quality';
import { confidenceLevel, sessionLabel } from '../../shared/wording';
import { printJson, withService } from '../context';
import { formatDuration, formatLocalTime, formatTable, isoOrNull, printable } from '../format';
import { registerStreamCorrections } from './streams-corrections';

export function registerStreamsCommand(program: Command): void {
  const streams = program
    .command('streams')
    .description('list streams and correct them: rename, merge, move a session, confirm, undo');

  streams
    .command('list')
    .description(
      'list streams, most recent activity first (any id may be shortened to a unique prefix of 4 or more characters)',
    )
    .option('--json', 'print machine-readable JSON')
    .action(async (options: { json?: boolean }, command: Command) => {
      await withService(command, async (service) => {
        const list = await service.listStreams();
        if (options.json) printJson(list.map(streamJson));
        else process.stdout.write(describeStreams(list));
      });
    });

  streams
    .command('show <id>')
    .description('one stream: each of its sessions, who placed it there and why (the id may be a prefix)')
    .option('--json', 'print machine-readable JSON')
    .action(async (id: string, options: { json?: boolean }, command: Command) => {
      await withService(command, async (service) => {
        const shown = await service.showStream({ id });
        if (options.json) {
          printJson({
            ...shown,
            sessions: shown.sessions.map((s) => ({ ...s, start: isoOrNull(s.start), end: isoOrNull(s.end) })),
          });
          return;
        }
        const lines = [
          `stream     ${printable(shown.name)} (${shown.id})`,
          `source     ${shown.source}${shown.reviewed ? ', reviewed' : ''} · confidence ${confidenceLevel(shown.confidence)}`,
          `sessions   ${shown.sessions.length}`,
        ];
        for (const session of shown.sessions) {
          lines.push(
            '',
            `  ${session.sessionId}  ${formatLocalTime(session.start)}  ${printable(sessionLabel(session.title, session.sessionId))}`,
            `    Why: ${printable(session.reason)}`,
          );
        }
        process.stdout.write(`${lines.join('\n')}\n`);
      });
    });
  streams
    .command('rename <id> <name>')
    .description('give a stream a name; inference will not change it again')
    .action((id: string, name: string, _options: unknown, command: Command) =>
      withEdit('renameStream', { id, name }, (service, input) => service.renameStream(input))(command),
    );
  streams
    .command('merge <from> <into>')
    .description('move every session and event of one stream into another; inference keeps them together')
    .action((from: string, into: string, _options: unknown, command: Command) =>
      withEdit('mergeStreams', { from, into }, (service, input) => service.mergeStreams(input))(command),
    );
  streams
    .command('move <session> <stream>')
    .description(
      'put a session (and its subagents) in a stream; inference leaves it there (both ids may be prefixes)',
    )
    .action((sessionId: string, streamId: string, _options: unknown, command: Command) =>
      withEdit('moveSession', { sessionId, streamId }, (service, input) => service.moveSession(input))(
        command,
      ),
    );
  streams
    .command('confirm <id>')
    .description('mark a stream reviewed; its sessions stay in it through re-inference')
    .action((id: string, _options: unknown, command: Command) =>
      withEdit('confirmStream', { id }, (service, input) => service.confirmStream(input))(command),
    );
  streams
    .command('quality')
    .description(
      'how close offline and LLM inference came to the streams you reviewed (time-weighted BCubed and pairwise F1)',
    )
    .option('--json', 'print machine-readable JSON')
    .action(async (options: { json?: boolean }, command: Command) => {
      await withService(command, async (service) => {
        const report = await service.streamQuality();
        if (options.json) printJson(qualityJson(report));
        else process.stdout.write(describeQuality(report));
      });
    });
  streams
    .command('undo')
    .description('undo the most recent edit that is not undone yet')
    .action(async (_options: unknown, command: Command) => {
      await withService(command, async (service) => {
        const result = await service.undo();
        process.stdout.write(result.undone === null ? 'nothing to undo\n' : `undid: ${result.undone}\n`);
      });
    });
  registerStreamCorrections(streams);
}

/**
 * Checks the edit's argument as the app's API does (ids bounded in length and characters,
 * names cleaned), then runs it and says what it did and how to take it back.
 */
function withEdit<T>(
  method: ApiMethodName,
  input: T,
  run: (service: TtService, input: T) => Promise<EditResult>,
) {
  return async (command: Command): Promise<void> => {
    const checked = apiInputSchemas[method].safeParse([input]);
    if (!checked.success) {
      const issue = checked.error.issues[0]!;
      const field = issue.path.at(-1);
      throw new TtError('input', `${typeof field === 'string' ? `${field}: ` : ''}${issue.message}`);
    }
    await withService(command, async (service) => {
      const result = await run(service, (checked.data as [T])[0]);
      const undo = result.changed === false ? '' : ' (undo with `tt streams undo`)';
      process.stdout.write(`${result.description}${undo}\n`);
    });
  };
}

function qualityJson(report: StreamQualityReport): Record<string, unknown> {
  return {
    ...report,
    sources: report.sources.map((s) => ({ ...s, latestRunAt: isoOrNull(s.latestRunAt) })),
  };
}

const SOURCE_LABEL = { directory: 'offline (by directory and branch)', llm: 'with Claude' } as const;

function describeQuality(report: StreamQualityReport): string {
  if (report.reviewedSessions === 0) {
    return 'no reviewed sessions yet: confirm, rename, merge or move streams (`tt streams --help`), then ask again\n';
  }
  const rows = report.sources.map((s) => [
    SOURCE_LABEL[s.source],
    formatLocalTime(s.latestRunAt),
    String(s.sessions),
    s.bcubed ? s.bcubed.precision.toFixed(2) : '—',
    s.bcubed ? s.bcubed.recall.toFixed(2) : '—',
    s.bcubed ? s.bcubed.f1.toFixed(2) : '—',
    s.pairwise ? s.pairwise.f1.toFixed(2) : '—',
  ]);
  return (
    `${report.reviewedSessions} reviewed sessions (subagents left out); BCubed is weighted by each session's time\n` +
    `${formatTable(['inference', 'latest run', 'sessions', 'precision', 'recall', 'BCubed F1', 'pairwise F1'], rows)}\n`
  );
}

function streamJson(s: StreamSummary): Record<string, unknown> {
  return { ...s, firstActivity: isoOrNull(s.firstActivity), lastActivity: isoOrNull(s.lastActivity) };
}

function confidenceLabel(confidence: number): string {
  return `${confidence.toFixed(2)} ${confidenceLevel(confidence)}`;
}

function describeStreams(list: StreamSummary[]): string {
  if (list.length === 0) return 'no streams (run `tt infer` first)\n';
  const rows = list.map((s) => [
    s.id.slice(0, 8),
    confidenceLabel(s.confidence),
    s.source,
    s.reviewed ? 'yes' : '',
    String(s.sessionIds.length),
    formatLocalTime(s.firstActivity),
    formatLocalTime(s.lastActivity),
    formatDuration(s.directMs),
    formatDuration(s.delegatedMs),
    formatDuration(s.waitingMs),
    s.name,
  ]);
  return `${formatTable(
    [
      'id',
      'confidence',
      'source',
      'reviewed',
      'sessions',
      'first',
      'last',
      'direct',
      'delegated',
      'waiting',
      'name',
    ],
    rows,
  )}\n`;
}
