import type { Command } from 'commander';
import type { EditResult, StreamSummary } from '../../shared/api';
import type { TtService } from '../../main/service';
import { printJson, withService } from '../context';
import { formatDuration, formatLocalTime, formatTable, isoOrNull } from '../format';
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
    .command('rename <id> <name>')
    .description('give a stream a name; inference will not change it again')
    .action((id: string, name: string, _options: unknown, command: Command) =>
      withEdit((service) => service.renameStream({ id, name }))(command),
    );
  streams
    .command('merge <from> <into>')
    .description('move every session and event of one stream into another; inference keeps them together')
    .action((from: string, into: string, _options: unknown, command: Command) =>
      withEdit((service) => service.mergeStreams({ from, into }))(command),
    );
  streams
    .command('move <session> <stream>')
    .description(
      'put a session (and its subagents) in a stream; inference leaves it there (both ids may be prefixes)',
    )
    .action((sessionId: string, streamId: string, _options: unknown, command: Command) =>
      withEdit((service) => service.moveSession({ sessionId, streamId }))(command),
    );
  streams
    .command('confirm <id>')
    .description('mark a stream reviewed; its sessions stay in it through re-inference')
    .action((id: string, _options: unknown, command: Command) =>
      withEdit((service) => service.confirmStream({ id }))(command),
    );
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

/** Runs one edit and says what it did and how to take it back. */
function withEdit(run: (service: TtService) => Promise<EditResult>) {
  return (command: Command): Promise<void> =>
    withService(command, async (service) => {
      const result = await run(service);
      const undo = result.changed === false ? '' : ' (undo with `tt streams undo`)';
      process.stdout.write(`${result.description}${undo}\n`);
    });
}

function streamJson(s: StreamSummary): Record<string, unknown> {
  return { ...s, firstActivity: isoOrNull(s.firstActivity), lastActivity: isoOrNull(s.lastActivity) };
}

function confidenceLabel(confidence: number): string {
  const level = confidence >= 0.8 ? 'high' : confidence >= 0.5 ? 'medium' : 'low';
  return `${confidence.toFixed(2)} ${level}`;
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
    s.name,
  ]);
  return `${formatTable(
    ['id', 'confidence', 'source', 'reviewed', 'sessions', 'first', 'last', 'direct', 'agents', 'name'],
    rows,
  )}\n`;
}
