import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  DESKTOP_IPC_PREFIX,
  desktopMethodNames,
  type DesktopApi,
  type DesktopState,
} from '../../shared/desktop-api';
import { desktopInputSchemas } from '../../shared/desktop-api-schemas';
import { apiFailure, type ApiResult } from '../api-dispatch';
import { describeError, isTtError, TtError } from '../errors';
import { PRIVATE_FILE_MODE } from '../private-files';
import { commandInstallState, installCommand, type CommandInstallHost } from './command-installer';
import type { IpcMainLike } from './ipc';
import { isStartAtLoginOn, setStartAtLogin, type StartAtLoginHost } from './start-at-login';
import { checkLatestRelease, isCheckDue, type UpdateCheckRecord } from './update-check';

// The desktop app's own features (start at login, the `tt` command, the update check), for the
// Settings section and the tray alike. Their one stored piece, desktop.json beside the database,
// holds the update check's switch and its last answer; start at login and the command are
// read from the system each time.

export const DESKTOP_FILE = 'desktop.json';

interface DesktopFile {
  checkForUpdates: boolean;
  lastUpdateCheck: UpdateCheckRecord | null;
}

export interface DesktopDeps {
  dataDir: string;
  version: string;
  releasesUrl: string | null;
  startAtLogin: StartAtLoginHost;
  command: CommandInstallHost;
  fetch: typeof fetch;
  now: () => number;
  openExternal: (url: string) => Promise<void>;
}

export class DesktopController implements DesktopApi {
  private readonly listeners = new Set<() => void>();

  constructor(private readonly deps: DesktopDeps) {}

  /** Called after every change, so the tray can redraw. */
  onChange(listener: () => void): void {
    this.listeners.add(listener);
  }

  state(): DesktopState {
    const stored = this.read();
    return {
      version: this.deps.version,
      startAtLogin: isStartAtLoginOn(this.deps.startAtLogin),
      command: commandInstallState(this.deps.command),
      checkForUpdates: stored.checkForUpdates,
      releasesUrl: this.deps.releasesUrl,
      lastUpdateCheck: stored.lastUpdateCheck
        ? new Date(stored.lastUpdateCheck.checkedAt).toISOString()
        : null,
      update: stored.checkForUpdates ? (stored.lastUpdateCheck?.update ?? null) : null,
    };
  }

  async getDesktopState(): Promise<DesktopState> {
    return this.state();
  }

  async setStartAtLogin(input: { enabled: boolean }): Promise<DesktopState> {
    setStartAtLogin(this.deps.startAtLogin, input.enabled);
    return this.changed();
  }

  async installCommand(): Promise<{ state: DesktopState; message: string }> {
    const message = await installCommand(this.deps.command);
    return { state: this.changed(), message };
  }

  async setCheckForUpdates(input: { enabled: boolean }): Promise<DesktopState> {
    this.write({ ...this.read(), checkForUpdates: input.enabled });
    return this.changed();
  }

  async checkForUpdatesNow(): Promise<{ state: DesktopState; message: string }> {
    const record = await this.check();
    const message = record.update
      ? `tt ${record.update.version} is out (you have ${this.deps.version}).`
      : `tt ${this.deps.version} is the latest release.`;
    return { state: this.changed(), message };
  }

  /** The daily check: only when on and due; a failure waits for the next day like a success. */
  async checkIfDue(): Promise<void> {
    const stored = this.read();
    if (
      !stored.checkForUpdates ||
      !this.deps.releasesUrl ||
      !isCheckDue(stored.lastUpdateCheck, this.deps.now())
    ) {
      return;
    }
    try {
      await this.check();
    } catch {
      this.write({ ...this.read(), lastUpdateCheck: { checkedAt: this.deps.now(), update: null } });
    }
    this.changed();
  }

  async openDownload(): Promise<void> {
    const update = this.state().update;
    if (!update) throw new TtError('not-found', 'no newer release of tt is known');
    await this.deps.openExternal(update.url);
  }

  private async check(): Promise<UpdateCheckRecord> {
    const record = await checkLatestRelease({
      currentVersion: this.deps.version,
      releasesUrl: this.deps.releasesUrl,
      fetch: this.deps.fetch,
      now: this.deps.now,
    });
    this.write({ ...this.read(), lastUpdateCheck: record });
    return record;
  }

  private changed(): DesktopState {
    for (const listener of this.listeners) listener();
    return this.state();
  }

  private read(): DesktopFile {
    const defaults: DesktopFile = { checkForUpdates: true, lastUpdateCheck: null };
    try {
      const stored = JSON.parse(
        readFileSync(join(this.deps.dataDir, DESKTOP_FILE), 'utf8'),
      ) as Partial<DesktopFile>;
      const record = stored.lastUpdateCheck;
      return {
        checkForUpdates: typeof stored.checkForUpdates === 'boolean' ? stored.checkForUpdates : true,
        lastUpdateCheck:
          record && typeof record.checkedAt === 'number'
            ? { checkedAt: record.checkedAt, update: validUpdate(record.update) }
            : null,
      };
    } catch {
      return defaults; // none yet, or not readable: the defaults, rewritten on the next change
    }
  }

  private write(file: DesktopFile): void {
    const path = join(this.deps.dataDir, DESKTOP_FILE);
    writeFileSync(`${path}.tmp`, `${JSON.stringify(file, null, 2)}\n`, { mode: PRIVATE_FILE_MODE });
    renameSync(`${path}.tmp`, path);
  }
}

function validUpdate(value: unknown): UpdateCheckRecord['update'] {
  const update = value as { version?: unknown; url?: unknown } | null;
  return typeof update?.version === 'string' &&
    typeof update.url === 'string' &&
    /^https?:\/\//.test(update.url)
    ? { version: update.version, url: update.url }
    : null;
}

/** One IPC handler per DesktopApi method, validated and answering only the app's own pages. */
export function registerDesktopIpc(
  ipcMain: IpcMainLike,
  desktop: DesktopApi,
  isTrustedSender: (url: string) => boolean,
): void {
  for (const method of desktopMethodNames) {
    ipcMain.handle(DESKTOP_IPC_PREFIX + method, async (event, ...args): Promise<ApiResult> => {
      const url = event.senderFrame?.url ?? '';
      if (!isTrustedSender(url))
        return apiFailure('input', `refused a request from ${url || 'an unknown frame'}`);
      const parsed = desktopInputSchemas[method].safeParse(args);
      if (!parsed.success)
        return apiFailure('input', `bad arguments for ${method}: ${parsed.error.issues[0]?.message}`);
      try {
        const fn = desktop[method] as (...a: unknown[]) => Promise<unknown>;
        return { ok: true, value: await fn.apply(desktop, parsed.data) };
      } catch (error) {
        if (isTtError(error)) return apiFailure(error.kind, error.message, error.hint);
        return apiFailure('internal', `tt hit an unexpected error: ${describeError(error)}`);
      }
    });
  }
}
