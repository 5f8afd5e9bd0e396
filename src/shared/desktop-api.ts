import type { DesktopMethodName } from './desktop-methods';

// What only the desktop app offers (the browser dashboard has none of it): start at login, the
// `tt` command, and the check for a newer release. The preload exposes it as `window.ttDesktop`
// beside `window.tt`; Settings shows its section only where it exists.

export interface DesktopState {
  /** The running tt's version. */
  version: string;
  startAtLogin: boolean;
  command: { installed: boolean; path: string };
  /** Whether tt looks for a newer release once a day (on unless turned off). */
  checkForUpdates: boolean;
  /** Where releases are looked for; null when this build does not know (a local build). */
  releasesUrl: string | null;
  /** When tt last asked, ISO 8601; null if never. */
  lastUpdateCheck: string | null;
  /** A newer release, when the last check found one. */
  update: { version: string; url: string } | null;
}

export interface DesktopApi {
  getDesktopState(): Promise<DesktopState>;
  setStartAtLogin(input: { enabled: boolean }): Promise<DesktopState>;
  /** Installs the `tt` command; `message` says where, and what is left to do. */
  installCommand(): Promise<{ state: DesktopState; message: string }>;
  setCheckForUpdates(input: { enabled: boolean }): Promise<DesktopState>;
  /** Asks now, whatever the day's limit; `message` says what was found. */
  checkForUpdatesNow(): Promise<{ state: DesktopState; message: string }>;
  /** Opens the newer release's page in the browser. */
  openDownload(): Promise<void>;
}

export { DESKTOP_IPC_PREFIX, desktopMethodNames, type DesktopMethodName } from './desktop-methods';

// A compile-time check that every DesktopApi method is listed in desktop-methods.ts.
type Missing = Exclude<keyof DesktopApi, DesktopMethodName>;
export const everyDesktopMethodListed: Missing extends never ? true : Missing = true;

/** What the update check sends, in the words Settings shows next to its switch. */
export const UPDATE_CHECK_SENDS =
  'Once a day tt asks GitHub for its latest release. The request carries nothing but the version of tt you run.';
