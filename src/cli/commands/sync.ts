import type { Command } from 'commander';
import { Option } from 'commander';
import { createInterface } from 'node:readline';
import { resolve } from 'node:path';
import type { SyncResult, SyncStatus } from '../../shared/api';
import { formatSkew } from '../../shared/wording';
import { TtError } from '../../main/errors';
import { SSH_CONNECT_TIMEOUT_S } from '../../main/sync/ssh-sync';
import { printJson, withService } from '../context';
import { importPendingEvents } from '../import-notes';

export function registerSyncCommand(program: Command): void {
  const sync = program
    .command('sync')
    .description(
      "one person, several machines: share this machine's sessions, events and edits through a synced folder (or ssh) and merge the others'",
    )
    .option('--folder <dir>', 'the synced folder (Syncthing, Dropbox, …); default: the sync folder setting')
    .option('--gzip', "write this machine's new segment gzipped")
    .option('--json', 'print machine-readable JSON')
    .addHelpText(
      'after',
      `
Each machine writes only its own append-only segments under <folder>/tt/<machine id>/, and
reads everyone else's. The transcripts are never copied. Segments hold what the database holds
(prompts too, unless \`tt settings set sync-prompts false\`): use a private or encrypted folder.`,
    )
    .action(async (options: { folder?: string; gzip?: boolean; json?: boolean }, command: Command) => {
      await withService(command, async (service) => {
        await importPendingEvents(service);
        const folder = options.folder ?? service.configuredSyncFolder();
        if (!folder) {
          throw new TtError(
            'input',
            'no sync folder',
            'give one with --folder DIR, or set it: `tt settings set sync-folder DIR`',
          );
        }
        const result = await service.syncThroughFolder(resolve(folder), { gzip: options.gzip });
        printResult(result, options.json);
      });
    });

  sync
    .command('ssh <host>')
    .description(
      "sync with HOST over the system's ssh (your ssh config and keys apply): send it what it lacks, bring back what this machine lacks, other machines' segments included",
    )
    .option('--remote-tt <command>', 'the tt command on HOST', 'tt')
    .option('--push', "only send (this machine's segments and the others it holds)")
    .option('--pull', 'only bring back')
    .option(
      '--connect-timeout <seconds>',
      'how long to wait for HOST to answer',
      String(SSH_CONNECT_TIMEOUT_S),
    )
    .action(
      async (
        host: string,
        options: { remoteTt: string; push?: boolean; pull?: boolean; connectTimeout: string },
        command: Command,
      ) => {
        await withService(command, async (service) => {
          if (!/^\d+$/.test(options.connectTimeout)) {
            throw new TtError('input', '--connect-timeout is a whole number of seconds');
          }
          await importPendingEvents(service);
          const both = !options.push && !options.pull;
          const result = await service.syncOverSsh(host, {
            remoteTt: options.remoteTt,
            push: both || options.push === true,
            pull: both || options.pull === true,
            connectTimeoutS: Number(options.connectTimeout),
          });
          printResult(result, wantsJson(command), host);
        });
      },
    );

  // The remote side of `tt sync ssh`: not for people.
  sync
    .command('serve', { hidden: true })
    .addOption(new Option('--after <marks>', 'machine-id:seq,… already held by the caller'))
    .addOption(new Option('--receive', 'first take segments on stdin (after saying what is held)'))
    .addOption(new Option('--no-send', 'send nothing back'))
    .action(async (options: { after?: string; receive?: boolean; send: boolean }, command: Command) => {
      await withService(command, async (service) => {
        await importPendingEvents(service);
        await service.serveSync({
          after: options.after,
          receive: options.receive === true,
          send: options.send,
          input: process.stdin,
          output: process.stdout,
        });
      });
    });

  sync
    .command('forget <machine>')
    .description(
      'a retired machine (id, id prefix or name) is no longer listed nor expected to sync; its history stays, here and on the others',
    )
    .action(async (which: string, _options: unknown, command: Command) => {
      await withService(command, async (service) => {
        const machine = service.forgetMachine(which);
        if (wantsJson(command)) return printJson(machine);
        process.stdout.write(
          `forgot ${machine.name} (${machine.id}): its sessions, events and edits stay; it is no longer listed or expected (tt sync machines --all shows it)\n`,
        );
      });
    });

  sync
    .command('machines')
    .description('the machines whose data is here, with when each was last seen')
    .option('--all', 'the forgotten ones too')
    .action(async (options: { all?: boolean }, command: Command) => {
      await withService(command, async (service) => {
        const machines = await service.listMachines({ all: options.all });
        if (wantsJson(command)) return printJson(machines);
        for (const m of machines) {
          const seen = m.isLocal
            ? 'this machine'
            : m.lastSeenAt === null
              ? 'never'
              : new Date(m.lastSeenAt).toISOString();
          process.stdout.write(`${m.id}  ${m.name}  (${seen}${m.forgotten ? ', forgotten' : ''})\n`);
        }
      });
    });

  sync
    .command('passphrase')
    .description(
      "encrypt this machine's segments from now on with a passphrase read from stdin (kept in the OS keychain); set the same one on every machine",
    )
    .option('--clear', 'forget the passphrase: segments are written in plain text again')
    .action(async (options: { clear?: boolean }, command: Command) => {
      await withService(command, async (service) => {
        if (options.clear) {
          await service.setSyncPassphrase(null);
          process.stdout.write('sync passphrase forgotten: new segments are written in plain text\n');
          return;
        }
        if (process.stdin.isTTY) process.stderr.write('sync passphrase (then Enter): ');
        const lines = createInterface({ input: process.stdin, crlfDelay: Infinity });
        let passphrase = '';
        for await (const line of lines) {
          passphrase = line;
          break;
        }
        lines.close();
        await service.setSyncPassphrase(passphrase);
        process.stdout.write(
          "sync passphrase kept in the keychain: this machine's new segments are encrypted; set the same passphrase on your other machines\n",
        );
      });
    });

  sync
    .command('status')
    .description(
      'per machine: its last segment, what waits to be imported, its clock, what was skipped and why; and what this machine has to send',
    )
    .action(async (_options: unknown, command: Command) => {
      await withService(command, async (service) => {
        const folder = command.optsWithGlobals<{ folder?: string }>().folder;
        const status = await service.syncStatus(folder === undefined ? undefined : resolve(folder));
        if (wantsJson(command)) return printJson(status);
        process.stdout.write(describeSyncStatus(status));
      });
    });

  sync
    .command('name <name>')
    .description(
      'rename this machine (it starts as the host name); others see the new name after their next sync',
    )
    .action(async (name: string, _options: unknown, command: Command) => {
      await withService(command, async (service) => {
        const machine = service.renameThisMachine(name);
        process.stdout.write(`this machine is now "${machine.name}" (${machine.id})\n`);
      });
    });
}

function describeSyncStatus(status: SyncStatus): string {
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  const { sessions, events, edits } = status.pendingExport;
  const lines = [
    `folder     ${status.folder ?? '(none set: tt settings set sync-folder DIR)'}`,
    `to send    ${plural(sessions, 'session')}, ${plural(events, 'event')}, ${plural(edits, 'edit')}`,
  ];
  for (const m of status.machines) {
    const parts = [
      m.lastSegment === null ? 'no segment yet' : `segment ${m.lastSegment}`,
      m.isLocal
        ? 'this machine'
        : m.lastSeenAt === null
          ? 'never seen'
          : `written ${new Date(m.lastSeenAt).toISOString()}`,
    ];
    if (m.pendingImport !== null) parts.push(`${m.pendingImport} waiting to be imported`);
    if (m.clockAheadMs !== null && m.clockAheadMs > 60_000)
      parts.push(`clock ${formatSkew(m.clockAheadMs)} ahead`);
    lines.push(`${m.id.slice(0, 8)}   ${m.name}: ${parts.join(', ')}`);
    for (const skip of m.skipped) lines.push(`           skipped segment ${skip.seq}: ${skip.reason}`);
  }
  for (const warning of status.warnings) lines.push(`warning    ${warning}`);
  for (const conflict of status.conflicts) lines.push(`conflict   ${conflict}`);
  return `${lines.join('\n')}\n`;
}

/** `--json` belongs to `tt sync` and is read by its subcommands too (`tt sync machines --json`). */
function wantsJson(command: Command): boolean {
  return command.optsWithGlobals<{ json?: boolean }>().json === true;
}

function printResult(result: SyncResult, json: boolean | undefined, host?: string): void {
  if (json) return printJson(result);
  const { exported, imported } = result;
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  const lines = [
    exported.segment === null
      ? 'nothing new to export'
      : `exported ${exported.segment}: ${plural(exported.sessions, 'session')}, ${plural(exported.events, 'event')}, ${plural(exported.edits, 'edit')}`,
    `imported ${plural(imported.segments, 'segment')}: ${plural(imported.sessions, 'session')}, ${plural(imported.events, 'event')}, ${plural(imported.edits, 'edit')}`,
  ];
  if (host !== undefined && result.sent !== undefined) {
    lines.splice(1, 0, `sent ${plural(result.sent, 'segment')} to ${host}; it imported ${result.published}`);
  } else if (result.published > 0)
    lines.splice(1, 0, `published ${plural(result.published, 'segment')} to the folder`);
  process.stdout.write(`${lines.join('\n')}\n`);
  for (const skip of result.skipped) {
    const where = [skip.machine.slice(0, 8), skip.segment].filter(Boolean).join(' ');
    process.stderr.write(`tt: skipped ${where}: ${skip.reason}\n`);
  }
  for (const warning of result.warnings) process.stderr.write(`tt: ${warning}\n`);
  for (const conflict of result.conflicts) process.stdout.write(`${conflict}\n`);
}
