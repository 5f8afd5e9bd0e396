import type { Command } from 'commander';
import { printJson, withService } from '../context';
import { formatLocalTime, isoOrNull } from '../format';

export function registerStatusCommand(program: Command): void {
  program
    .command('status')
    .description('show where tt keeps its data and what it holds')
    .option('--json', 'print machine-readable JSON')
    .action(async (options: { json?: boolean }, command: Command) => {
      await withService(command, async (service) => {
        const status = await service.status();
        if (options.json) {
          printJson({
            ...status,
            sources: status.sources.map((s) => ({ ...s, lastIndexedAt: isoOrNull(s.lastIndexedAt) })),
          });
          return;
        }
        const lines = [
          `tt ${status.version}`,
          `data directory  ${status.dataDir}`,
          `database        ${status.databasePath} (schema ${status.schemaVersion})`,
          `sessions        ${status.counts.sessions}`,
          `events          ${status.counts.events}`,
          `streams         ${status.counts.streams}`,
        ];
        if (status.sources.length === 0) {
          lines.push('last indexed    never (run `tt sessions index`)');
        }
        for (const source of status.sources) {
          lines.push(`last indexed    ${source.name}: ${formatLocalTime(source.lastIndexedAt)}`);
        }
        process.stdout.write(`${lines.join('\n')}\n`);
      });
    });
}
