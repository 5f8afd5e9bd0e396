import type { Command } from 'commander';
import type { EditResult } from '../../shared/api';
import { TIME_INPUT_HELP } from '../../core/typed-time';
import type { TtService } from '../../main/service';
import { TtError } from '../../main/errors';
import { withService } from '../context';
import { addRangeOptions, rangeFlags, rangeOption } from '../options';

// The corrections that make or fill streams (`tt streams new|split|assign`) and redo. Each is
// one edit of the service, undoable, and recorded as the person's word: inference keeps it.

export function registerStreamCorrections(streams: Command): void {
  streams
    .command('new <name> <sessions...>')
    .description('make a stream of these sessions (and their subagents); ids may be prefixes')
    .action((name: string, sessionIds: string[], _options: unknown, command: Command) =>
      runEdit(command, (service) => service.newStream({ name, sessionIds })),
    );
  streams
    .command('split <stream> <sessions...>')
    .description(
      "take some of a stream's sessions into a new stream, named by --name or else by the sessions' common title",
    )
    .option('--name <name>', 'the new stream’s name')
    .action((from: string, sessionIds: string[], options: { name?: string }, command: Command) =>
      runEdit(command, (service) => service.newStream({ from, sessionIds, name: options.name })),
    );
  const assign = streams
    .command('assign <stream>')
    .description("give a project's unassigned sessions and focus events in a range to a stream")
    .requiredOption('--project <name>', 'the project whose unassigned time to assign');
  addRangeOptions(
    assign,
    `the start of the range (required): ${TIME_INPUT_HELP}`,
    'the end of the range (required)',
  )
    .option('--new', 'make a new stream named <stream> instead of naming an existing one')
    .action((stream: string, options: { project: string; new?: boolean }, command: Command) => {
      const flags = rangeFlags(options);
      if (flags.since === undefined || flags.until === undefined) {
        throw new TtError('input', 'say which time to assign with --since and --until');
      }
      const { since: start, until: end } = rangeOption(flags, Date.now());
      const target = options.new ? { newName: stream } : { streamId: stream };
      return runEdit(command, (service) =>
        service.assignUnassigned({ project: options.project, start: start!, end: end!, ...target }),
      );
    });
  streams
    .command('redo')
    .description('apply again the edit undone last (until a new edit is made)')
    .action(async (_options: unknown, command: Command) => {
      await withService(command, async (service) => {
        const result = await service.redo();
        process.stdout.write(result.redone === null ? 'nothing to redo\n' : `redid: ${result.redone}\n`);
      });
    });
}

function runEdit(command: Command, run: (service: TtService) => Promise<EditResult>): Promise<void> {
  return withService(command, async (service) => {
    const result = await run(service);
    process.stdout.write(`${result.description} (undo with \`tt streams undo\`)\n`);
  });
}
