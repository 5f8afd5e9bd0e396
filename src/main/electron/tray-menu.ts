import type { ServiceEvent, TaskName } from '../../shared/api';

/** A menu item as Electron's Menu.buildFromTemplate takes it (the subset tt uses). */
export interface TrayMenuItem {
  label?: string;
  type?: 'normal' | 'separator' | 'checkbox';
  enabled?: boolean;
  checked?: boolean;
  click?: () => void;
}

/** The desktop app's own items: start at login, the tt command, a newer release. */
export interface TrayDesktopActions {
  state(): { startAtLogin: boolean; command: { installed: boolean }; update: { version: string } | null };
  toggleStartAtLogin(): void;
  installCommand(): void;
  openDownload(): void;
}

/** The parts of Electron's Tray that tt uses; tests pass a fake. */
export interface TrayLike {
  setContextMenu(items: TrayMenuItem[]): void;
  setToolTip(text: string): void;
}

export interface TrayActions {
  indexNow(): Promise<unknown>;
  inferStreams(mode: 'directory' | 'llm'): Promise<unknown>;
  open(): void;
  quit(): void;
  /** Whether "with Claude" can be offered (a key is configured). */
  hasApiKey(): boolean;
  desktop?: TrayDesktopActions;
}

interface RunningTask {
  text: string;
}

/**
 * The tray menu: "Index now" (its label shows progress while it runs), "Infer streams",
 * "Open tt", "Start at login", "Install the tt command", a newer release to download, "Quit". It listens to service events, so it also shows work started from the
 * window, and says in the tooltip how the last task ended.
 */
export class TrayController {
  private readonly running = new Map<TaskName, RunningTask>();
  private lastResult: string | null = null;

  constructor(
    private readonly tray: TrayLike,
    private readonly actions: TrayActions,
  ) {
    this.render();
  }

  /** Feed every service event here. */
  onServiceEvent(event: ServiceEvent): void {
    if (event.type === 'progress') {
      this.running.set(event.task, { text: progressLabel(event) });
      this.render();
    } else if (event.type === 'task-finished') {
      this.running.delete(event.task);
      this.lastResult = event.summary;
      this.render();
    } else if (event.type === 'changed' && event.topics.includes('settings')) {
      this.render(); // "with Claude" may have appeared or gone
    }
  }

  menu(): TrayMenuItem[] {
    const indexing = this.running.get('index');
    const inferring = this.running.get('infer');
    const items: TrayMenuItem[] = [
      {
        label: indexing ? `Indexing… ${indexing.text}` : 'Index now',
        enabled: !indexing,
        click: () => this.run('index', () => this.actions.indexNow()),
      },
      {
        label: inferring ? `Inferring streams… ${inferring.text}` : 'Infer streams',
        enabled: !inferring,
        click: () => this.run('infer', () => this.actions.inferStreams('directory')),
      },
    ];
    if (this.actions.hasApiKey()) {
      items.push({
        label: 'Infer streams with Claude',
        enabled: !inferring,
        click: () => this.run('infer', () => this.actions.inferStreams('llm')),
      });
    }
    items.push({ type: 'separator' }, { label: 'Open tt', click: () => this.actions.open() });
    const desktop = this.actions.desktop;
    if (desktop) {
      const state = desktop.state();
      items.push(
        {
          label: 'Start at login',
          type: 'checkbox',
          checked: state.startAtLogin,
          click: () => desktop.toggleStartAtLogin(),
        },
        state.command.installed
          ? { label: 'The tt command is installed', enabled: false }
          : { label: 'Install the tt command', click: () => desktop.installCommand() },
      );
      if (state.update) {
        items.push({ label: `Download tt ${state.update.version}…`, click: () => desktop.openDownload() });
      }
    }
    items.push({ type: 'separator' }, { label: 'Quit', click: () => this.actions.quit() });
    return items;
  }

  /** Redraws the menu (after start at login, the command or the update check changed). */
  refresh(): void {
    this.render();
  }

  tooltip(): string {
    const running = [...this.running.entries()].map(([task, r]) => `${TASK_WORDS[task]}… ${r.text}`.trim());
    if (running.length > 0) return `tt — ${running.join(', ')}`;
    return this.lastResult ? `tt — ${this.lastResult}` : 'tt';
  }

  private run(task: TaskName, work: () => Promise<unknown>): void {
    if (this.running.has(task)) return;
    this.running.set(task, { text: '' });
    this.render();
    work().then(
      () => this.finish(task, null),
      (error: unknown) =>
        this.finish(task, `${TASK_WORDS[task]} failed: ${(error as Error)?.message ?? String(error)}`),
    );
  }

  private finish(task: TaskName, failure: string | null): void {
    this.running.delete(task);
    if (failure) this.lastResult = failure;
    this.render();
  }

  private render(): void {
    this.tray.setContextMenu(this.menu());
    this.tray.setToolTip(this.tooltip());
  }
}

const TASK_WORDS: Record<TaskName, string> = {
  index: 'Indexing',
  import: 'Importing',
  infer: 'Inferring streams',
};

function progressLabel(event: Extract<ServiceEvent, { type: 'progress' }>): string {
  if (event.total <= 0) return event.detail ?? '';
  const percent = Math.floor((event.done / event.total) * 100);
  return event.detail ? `${percent}% (${event.detail})` : `${percent}%`;
}

/**
 * Runs a task for the tray and, if it fails, tells every open view: the service announces
 * only the tasks that finish, and a window showing the tray's progress must not wait forever.
 */
export function announcingFailure<T>(
  emit: (event: ServiceEvent) => void,
  task: TaskName,
  work: () => Promise<T>,
): Promise<T> {
  return work().catch((error: unknown) => {
    emit({
      type: 'task-finished',
      task,
      ok: false,
      summary: `${TASK_WORDS[task]} failed: ${(error as Error)?.message ?? String(error)}`,
    });
    throw error;
  });
}
