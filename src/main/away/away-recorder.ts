// Records when the person is away from the machine, for the desktop app: Electron's
// powerMonitor (idle time polled every 30 s, suspend/resume, lock/unlock where Electron has
// them), and on Linux logind's and the screensaver's D-Bus signals through `gdbus monitor`,
// for desktops where those events do not exist and idle time reads 0 (Wayland, some GNOME).
// The rules are in core/time/away.ts; this only listens and writes what it says.

import { AwayTracker, type AwayMark } from '../../core/time/away';
import { watchDbusAway, type DbusSignalKind, type DbusWatch } from './dbus-away';

export const AWAY_POLL_MS = 30_000;

type PowerEvent = 'suspend' | 'resume' | 'lock-screen' | 'unlock-screen';

/** The part of Electron's powerMonitor that tt uses. */
export interface PowerMonitorLike {
  /** seconds since the last input */
  getSystemIdleTime(): number;
  on(event: PowerEvent, listener: () => void): unknown;
  removeListener(event: PowerEvent, listener: () => void): unknown;
}

export interface AwayRecorderOptions {
  powerMonitor: PowerMonitorLike;
  platform: NodeJS.Platform;
  env: NodeJS.ProcessEnv;
  now: () => number;
  /** the "away after" setting, read at every poll */
  thresholdMs: () => number;
  record: (marks: AwayMark[]) => void;
  pollMs?: number;
  /** null: no D-Bus fallback (tests of the Electron path); default: `gdbus monitor` */
  dbus?: ((onSignal: (signal: DbusSignalKind) => void) => DbusWatch | null) | null;
}

export interface AwayRecorder {
  /** what Settings shows: which sources are recording away time */
  readonly source: string;
  stop(): void;
}

/** Electron's lock-screen / unlock-screen exist on macOS and Windows only. */
const LOCK_EVENTS_PLATFORMS: readonly NodeJS.Platform[] = ['darwin', 'win32'];

export function startAwayRecorder(options: AwayRecorderOptions): AwayRecorder {
  const { powerMonitor, now, record } = options;
  const tracker = new AwayTracker(options.thresholdMs());
  const emit = (marks: AwayMark[]): void => {
    if (marks.length > 0) record(marks);
  };

  const listeners: [PowerEvent, () => void][] = [
    ['suspend', () => emit(tracker.leave(now(), 'suspend'))],
    ['resume', () => emit(tracker.back(now(), 'resume'))],
    ['lock-screen', () => emit(tracker.leave(now(), 'lock'))],
    ['unlock-screen', () => emit(tracker.back(now(), 'unlock'))],
  ];
  for (const [event, listener] of listeners) powerMonitor.on(event, listener);

  const linux = options.platform === 'linux';
  const wayland =
    linux && (options.env.XDG_SESSION_TYPE === 'wayland' || Boolean(options.env.WAYLAND_DISPLAY));
  const poll = (): void => {
    tracker.thresholdMs = options.thresholdMs();
    let seconds: number;
    try {
      seconds = powerMonitor.getSystemIdleTime();
    } catch {
      return;
    }
    emit(tracker.idle(now(), seconds * 1000));
  };
  poll();
  const timer = setInterval(poll, options.pollMs ?? AWAY_POLL_MS);
  timer.unref?.();

  const startDbus = options.dbus === undefined ? watchDbusAway : options.dbus;
  const dbus =
    linux && startDbus
      ? startDbus((signal) => {
          const at = now();
          if (signal === 'sleep') emit(tracker.leave(at, 'suspend'));
          else if (signal === 'lock') emit(tracker.leave(at, 'lock'));
          else if (signal === 'screensaver-on') emit(tracker.leave(at, 'screensaver'));
          else emit(tracker.back(at, signal));
        })
      : null;

  const sources: string[] = [];
  if (wayland) sources.push('idle time is not readable under Wayland');
  else sources.push('idle time (polled every 30 s)');
  sources.push(LOCK_EVENTS_PLATFORMS.includes(options.platform) ? 'suspend, lock' : 'suspend');
  if (dbus) sources.push('logind and screensaver signals over D-Bus (gdbus)');
  else if (linux) sources.push('no D-Bus fallback (gdbus not found)');

  return {
    source: `Electron powerMonitor: ${sources.join('; ')}`,
    stop() {
      clearInterval(timer);
      for (const [event, listener] of listeners) powerMonitor.removeListener(event, listener);
      dbus?.stop();
    },
  };
}
