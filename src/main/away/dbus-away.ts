// Linux's fallback for away time: logind (sleep, lock) and the screensaver announce themselves
// on D-Bus. `gdbus monitor` (GLib's tool, present on GNOME and most desktops) prints each
// signal as a line; it is run with execa, arguments as an array, never through a shell.

import { execa } from 'execa';
import { createInterface } from 'node:readline';

/** What a D-Bus signal says about the person's presence. */
export type DbusSignalKind = 'sleep' | 'wake' | 'lock' | 'unlock' | 'screensaver-on' | 'screensaver-off';

export interface DbusWatch {
  stop(): void;
}

/** The buses and names to watch: logind on the system bus, the screensavers on the session bus. */
const MONITORS: string[][] = [
  ['monitor', '--system', '--dest', 'org.freedesktop.login1'],
  ['monitor', '--session', '--dest', 'org.freedesktop.ScreenSaver'],
  ['monitor', '--session', '--dest', 'org.gnome.ScreenSaver'],
];

/** One line of `gdbus monitor` output → the signal it reports, or null for anything else. */
export function parseDbusLine(line: string): DbusSignalKind | null {
  const on = /\(true,?\)\s*$/.test(line);
  const off = /\(false,?\)\s*$/.test(line);
  if (line.includes('.PrepareForSleep ')) return on ? 'sleep' : off ? 'wake' : null;
  if (line.includes('ScreenSaver.ActiveChanged '))
    return on ? 'screensaver-on' : off ? 'screensaver-off' : null;
  if (/login1\.Session\.Lock \(\)/.test(line)) return 'lock';
  if (/login1\.Session\.Unlock \(\)/.test(line)) return 'unlock';
  return null;
}

/** Starts the monitors; null when `gdbus` cannot be run (the caller says so in Settings). */
export function watchDbusAway(onSignal: (signal: DbusSignalKind) => void, gdbus = 'gdbus'): DbusWatch | null {
  const children: { pid?: number; kill(): boolean }[] = [];
  for (const args of MONITORS) {
    const child = execa(gdbus, args, { reject: false, buffer: false, stdin: 'ignore', stderr: 'ignore' });
    // A bus that is not there (no session bus in a service, no logind) only loses its signals.
    child.catch(() => {});
    if (child.stdout) {
      createInterface({ input: child.stdout }).on('line', (line) => {
        const signal = parseDbusLine(line);
        if (signal !== null) onSignal(signal);
      });
    }
    children.push(child);
  }
  if (children.every((child) => child.pid === undefined)) return null;
  return {
    stop() {
      for (const child of children) child.kill();
    },
  };
}
